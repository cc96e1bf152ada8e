using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Recording;

namespace Cortex.Backends.Reference;

/// <summary>
/// One run on the reference backend. The order of work within step n defines Cortex's semantics:
/// <list type="number">
/// <item>state probes sample the state at the start of the step (time n·dt);</item>
/// <item>inputs due at step n are summed per neuron and receptor into the step's arrival slot: plastic
/// synapses first apply their pre-spike (depression) update, then Poisson and spike-time stimuli add;</item>
/// <item>each receptor takes its arrival sum: current and conductance states add it, delta receptors jump v;</item>
/// <item>every neuron advances with input I = DC + Σ current receptors + Σ g·(E_rev − v), held constant over the step;</item>
/// <item>spikes of step n are recorded, potentiate plastic synapses onto the spiking neuron, and are sent:
/// each synapse adds its weight to the target receptor's slot for step n + delay (delay ≥ 1 step);</item>
/// <item>receptor states and post traces decay by their per-step factors.</item>
/// </list>
/// Additions happen in a fixed order (populations, then neurons ascending, then projections, then
/// synapses in table order), so any backend that keeps this order gets bit-identical sums.
/// </summary>
internal sealed class ReferenceSession : ISimulationSession, IArrivalSlots
{
    // Fixed chunking of the neuron update: the split never depends on the thread count.
    private const int ChunkSize = 4096;

    private readonly CompiledNetwork _network;
    private readonly int _threads;
    private readonly PopulationState[] _populations;
    private readonly PlasticProjectionState?[] _plastic;
    private readonly StimulusDriver _stimuli;
    private readonly long[] _spikeCounts;

    public ReferenceSession(CompiledNetwork network, BackendOptions options)
    {
        _network = network;
        _threads = Math.Max(1, options.Threads);
        var ringLength = network.MaxDelaySteps + 1;
        _populations = [.. network.Populations.Select(p => new PopulationState(p, network.Dt, ringLength))];
        _plastic = [.. network.Projections.Select(p => p.Plasticity is null ? null : new PlasticProjectionState(p, network))];
        _stimuli = new StimulusDriver(network);
        _spikeCounts = new long[network.Populations.Count];
    }

    public long CurrentStep { get; private set; }

    public IReadOnlyList<long> SpikeCounts => _spikeCounts;

    public ReadOnlySpan<float> GetWeights(int projection) =>
        _plastic[projection] is { } plastic ? plastic.Weights : _network.Projections[projection].Table.Weights;

    public Span<float> Slot(int population, int receptor, long step) => _populations[population].Receptors[receptor].Slot(step);

    public void Advance(int steps, Recorder recorder)
    {
        for (var i = 0; i < steps && CurrentStep < _network.Steps; i++)
        {
            StepOnce(CurrentStep, recorder);
            CurrentStep++;
        }
    }

    private void StepOnce(long step, Recorder recorder)
    {
        SampleProbes(step, recorder);
        for (var p = 0; p < _plastic.Length; p++)
        {
            var projection = _network.Projections[p];
            _plastic[p]?.Arrive(step, Slot(projection.Target, projection.Receptor, step));
        }
        _stimuli.Apply(step, this);
        foreach (var population in _populations) population.Arrive(step);

        foreach (var population in _populations) population.UpdateNeurons(step, _network.Dt, _threads, _stimuli.DcCurrent(population.Index));

        foreach (var population in _populations)
        {
            var mask = _network.SpikeRecordMasks[population.Index];
            _spikeCounts[population.Index] += population.Spikes.Count;
            foreach (var neuron in population.Spikes)
            {
                if (mask is not null && mask[neuron]) recorder.AddSpike(population.Index, neuron, step);
                Propagate(population.Index, neuron, step);
            }
        }

        foreach (var population in _populations) population.Decay();
        foreach (var plastic in _plastic) plastic?.DecayPostTraces();
    }

    private void Propagate(int source, int neuron, long step)
    {
        for (var p = 0; p < _network.Projections.Count; p++)
        {
            var projection = _network.Projections[p];
            if (projection.Target == source) _plastic[p]?.OnPostSpike(neuron, step);
        }
        for (var p = 0; p < _network.Projections.Count; p++)
        {
            var projection = _network.Projections[p];
            if (projection.Source != source) continue;
            if (_plastic[p] is { } plastic)
            {
                plastic.OnPreSpike(neuron, step);
                continue;
            }
            var table = projection.Table;
            var receptor = _populations[projection.Target].Receptors[projection.Receptor];
            for (var s = table.RowStart[neuron]; s < table.RowStart[neuron + 1]; s++)
                receptor.Slot(step + table.DelaySteps[s])[table.Targets[s]] += table.Weights[s];
        }
    }

    private void SampleProbes(long step, Recorder recorder)
    {
        for (var i = 0; i < _network.StateProbes.Count; i++)
        {
            var probe = _network.StateProbes[i];
            if (step % probe.IntervalSteps != 0) continue;
            var group = _populations[probe.Population].Group;
            foreach (var neuron in probe.Neurons) recorder.AddSample(i, neuron, step, group.Get(probe.Variable, neuron));
        }
    }

    public void Dispose()
    {
    }

    /// <summary>Neuron state, receptors and this step's spikes of one population.</summary>
    private sealed class PopulationState
    {
        private readonly CompiledPopulation _population;
        private readonly List<int>[] _chunkSpikes;

        public PopulationState(CompiledPopulation population, double dt, int ringLength)
        {
            _population = population;
            Group = population.Model.CreateGroup(population.Parameters, population.Size, dt);
            for (var v = 0; v < population.InitialState.Length; v++)
                for (var n = 0; n < population.Size; n++) Group.Set(v, n, population.InitialState[v][n]);
            Receptors = [.. population.Receptors.Select(r => new ReceptorState(r.Model.Prepare(r.Parameters, dt), population.Size, ringLength, Group))];
            _chunkSpikes = [.. Enumerable.Range(0, (population.Size + ChunkSize - 1) / ChunkSize).Select(_ => new List<int>())];
        }

        public int Index => _population.Index;
        public INeuronGroup Group { get; }
        public ReceptorState[] Receptors { get; }
        public List<int> Spikes { get; } = [];

        public void Arrive(long step)
        {
            foreach (var receptor in Receptors) receptor.Arrive(step);
        }

        public void UpdateNeurons(long step, double dt, int threads, float[] dc)
        {
            if (threads == 1 || _chunkSpikes.Length == 1)
                for (var c = 0; c < _chunkSpikes.Length; c++) UpdateChunk(c, step, dt, dc);
            else
            {
                try
                {
                    Parallel.For(0, _chunkSpikes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => UpdateChunk(c, step, dt, dc));
                }
                catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is SimulationException) is { } first)
                {
                    throw first;
                }
            }
            Spikes.Clear();
            foreach (var chunk in _chunkSpikes) Spikes.AddRange(chunk);
        }

        private void UpdateChunk(int chunk, long step, double dt, float[] dc)
        {
            var spikes = _chunkSpikes[chunk];
            spikes.Clear();
            var end = Math.Min(_population.Size, (chunk + 1) * ChunkSize);
            for (var n = chunk * ChunkSize; n < end; n++)
            {
                var current = dc[n];
                foreach (var receptor in Receptors) current += receptor.Current(n);
                if (Group.Step(n, current)) spikes.Add(n);
                var v = Group.Voltage(n);
                if (!float.IsFinite(v)) throw NonFinite.InPopulation(_population.Name, n, v, step, dt);
            }
        }

        public void Decay()
        {
            foreach (var receptor in Receptors) receptor.Decay();
        }
    }

    /// <summary>One receptor's per-neuron state and its ring buffer of future arrival sums.</summary>
    private sealed class ReceptorState(ReceptorDynamics dynamics, int size, int ringLength, INeuronGroup group)
    {
        private readonly float[] _state = new float[size];
        private readonly float[] _ring = new float[size * ringLength];

        public Span<float> Slot(long step) => _ring.AsSpan((int)(step % ringLength) * size, size);

        public void Arrive(long step)
        {
            var arrivals = Slot(step);
            for (var n = 0; n < size; n++)
            {
                if (arrivals[n] == 0) continue;
                if (dynamics.Kind == ReceptorKind.VoltageJump) group.AddVoltage(n, arrivals[n]);
                else _state[n] += arrivals[n];
                arrivals[n] = 0;
            }
        }

        public float Current(int neuron) => dynamics.Kind switch
        {
            ReceptorKind.Current => _state[neuron],
            ReceptorKind.Conductance => _state[neuron] * (dynamics.Reversal - group.Voltage(neuron)),
            _ => 0,
        };

        public void Decay()
        {
            if (dynamics.Kind == ReceptorKind.VoltageJump) return;
            for (var n = 0; n < size; n++) _state[n] *= dynamics.Decay;
        }
    }
}

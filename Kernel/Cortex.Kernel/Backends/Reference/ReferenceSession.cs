using Cortex.Compilation;
using Cortex.Models;
using Cortex.Randomness;
using Cortex.Recording;

namespace Cortex.Backends.Reference;

/// <summary>
/// One run on the reference backend. The order of work within step n defines Cortex's semantics:
/// <list type="number">
/// <item>state probes sample the state at the start of the step (time n·dt);</item>
/// <item>spikes due at step n arrive: static synapses add their weight to the receptor state (or jump v);
/// plastic synapses first apply the pre-spike (depression) update, then deliver; stimuli spikes arrive;</item>
/// <item>every neuron advances with input I = DC + Σ current receptors + Σ g·(E_rev − v), held constant over the step;</item>
/// <item>spikes of step n are recorded, potentiate plastic synapses onto the spiking neuron, bump its post trace,
/// and are queued for arrival at step n + delay (delay ≥ 1 step);</item>
/// <item>receptor states and post traces decay by their per-step factors.</item>
/// </list>
/// </summary>
internal sealed class ReferenceSession : ISimulationSession
{
    // Fixed chunking of the neuron update: the split never depends on the thread count.
    private const int ChunkSize = 4096;

    private readonly CompiledNetwork _network;
    private readonly int _threads;
    private readonly PopulationState[] _populations;
    private readonly PlasticState?[] _plastic;
    private readonly int _ringLength;
    private readonly SeededRandom[][] _poissonStreams;
    private readonly int[] _spikeTimeCursor;

    public ReferenceSession(CompiledNetwork network, BackendOptions options)
    {
        _network = network;
        _threads = Math.Max(1, options.Threads);
        _ringLength = network.MaxDelaySteps + 1;
        _populations = [.. network.Populations.Select(p => new PopulationState(p, network.Dt, _ringLength))];
        _plastic = [.. network.Projections.Select(p => p.Plasticity is null ? null : new PlasticState(p, network))];
        _poissonStreams = [.. network.Stimuli.Select(s => s is CompiledPoisson
            ? s.Neurons.Select(n => SeededRandom.Create(network.Seed, StreamDomain.Poisson, s.Index, n)).ToArray()
            : [])];
        _spikeTimeCursor = new int[network.Stimuli.Count];
        _spikeCounts = new long[network.Populations.Count];
    }

    public long CurrentStep { get; private set; }

    public IReadOnlyList<long> SpikeCounts => _spikeCounts;

    private readonly long[] _spikeCounts;

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
        var slot = (int)(step % _ringLength);
        foreach (var population in _populations) population.Arrive(slot);
        for (var p = 0; p < _plastic.Length; p++) _plastic[p]?.Arrive(step, _populations[_network.Projections[p].Target]);
        ApplyStimuli(step);

        foreach (var population in _populations) population.UpdateNeurons(step, _network.Dt, _threads);

        foreach (var population in _populations)
        {
            var mask = _network.SpikeRecordMasks[population.Index];
            _spikeCounts[population.Index] += population.Spikes.Count;
            foreach (var neuron in population.Spikes)
            {
                if (mask is not null && mask[neuron]) recorder.AddSpike(population.Index, neuron, step);
                foreach (var plastic in _plastic) plastic?.OnPostSpike(population.Index, neuron, step);
                Propagate(population.Index, neuron, step);
            }
        }

        foreach (var population in _populations) population.Decay();
        foreach (var plastic in _plastic) plastic?.Decay();
    }

    private void Propagate(int source, int neuron, long step)
    {
        for (var p = 0; p < _network.Projections.Count; p++)
        {
            var projection = _network.Projections[p];
            if (projection.Source != source) continue;
            var table = projection.Table;
            if (_plastic[p] is { } plastic)
            {
                for (var s = table.RowStart[neuron]; s < table.RowStart[neuron + 1]; s++) plastic.Queue(s, step + table.DelaySteps[s]);
                continue;
            }
            var receptor = _populations[projection.Target].Receptors[projection.Receptor];
            for (var s = table.RowStart[neuron]; s < table.RowStart[neuron + 1]; s++)
                receptor.Schedule((int)((step + table.DelaySteps[s]) % _ringLength), table.Targets[s], table.Weights[s]);
        }
    }

    private void ApplyStimuli(long step)
    {
        for (var i = 0; i < _network.Stimuli.Count; i++)
        {
            switch (_network.Stimuli[i])
            {
                case CompiledPoisson poisson when step >= poisson.StartStep && step < poisson.StopStep:
                    var receptor = _populations[poisson.Population].Receptors[poisson.Receptor];
                    var streams = _poissonStreams[i];
                    for (var k = 0; k < poisson.Neurons.Length; k++)
                    {
                        var count = streams[k].NextPoisson(poisson.MeanPerStep);
                        if (count > 0) receptor.DeliverNow(poisson.Neurons[k], count * poisson.Weight);
                    }
                    break;
                case CompiledSpikeTimes times:
                    var cursor = _spikeTimeCursor[i];
                    var target = _populations[times.Population].Receptors[times.Receptor];
                    while (cursor < times.Steps.Length && times.Steps[cursor] <= step)
                    {
                        if (times.Steps[cursor] == step)
                            foreach (var neuron in times.Neurons) target.DeliverNow(neuron, times.Weight);
                        cursor++;
                    }
                    _spikeTimeCursor[i] = cursor;
                    break;
                case CompiledDc dc:
                    _populations[dc.Population].SetDc(dc, step);
                    break;
            }
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
        private readonly float[] _dc;
        private readonly List<int>[] _chunkSpikes;

        public PopulationState(CompiledPopulation population, double dt, int ringLength)
        {
            _population = population;
            Group = population.Model.CreateGroup(population.Parameters, population.Size, dt);
            for (var v = 0; v < population.InitialState.Length; v++)
                for (var n = 0; n < population.Size; n++) Group.Set(v, n, population.InitialState[v][n]);
            Receptors = [.. population.Receptors.Select(r => new ReceptorState(r.Model.Prepare(r.Parameters, dt), population.Size, ringLength, Group))];
            _dc = new float[population.Size];
            _chunkSpikes = [.. Enumerable.Range(0, (population.Size + ChunkSize - 1) / ChunkSize).Select(_ => new List<int>())];
        }

        public int Index => _population.Index;
        public INeuronGroup Group { get; }
        public ReceptorState[] Receptors { get; }
        public List<int> Spikes { get; } = [];

        public void Arrive(int slot)
        {
            foreach (var receptor in Receptors) receptor.Arrive(slot);
        }

        // DC input is the sum of all stimuli active at this step; recomputed only on the steps where one switches.
        private bool _dcCleared;

        public void SetDc(CompiledDc dc, long step)
        {
            if (!_dcCleared) { Array.Clear(_dc); _dcCleared = true; }
            if (step >= dc.StartStep && step < dc.StopStep)
                foreach (var n in dc.Neurons) _dc[n] += dc.Amplitude;
        }

        public void UpdateNeurons(long step, double dt, int threads)
        {
            _dcCleared = false;
            if (threads == 1 || _chunkSpikes.Length == 1)
                for (var c = 0; c < _chunkSpikes.Length; c++) UpdateChunk(c, step, dt);
            else
            {
                try
                {
                    Parallel.For(0, _chunkSpikes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => UpdateChunk(c, step, dt));
                }
                catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is SimulationException) is { } first)
                {
                    throw first;
                }
            }
            Spikes.Clear();
            foreach (var chunk in _chunkSpikes) Spikes.AddRange(chunk);
        }

        private void UpdateChunk(int chunk, long step, double dt)
        {
            var spikes = _chunkSpikes[chunk];
            spikes.Clear();
            var end = Math.Min(_population.Size, (chunk + 1) * ChunkSize);
            for (var n = chunk * ChunkSize; n < end; n++)
            {
                var current = _dc[n];
                foreach (var receptor in Receptors) current += receptor.Current(n);
                if (Group.Step(n, current)) spikes.Add(n);
                var v = Group.Voltage(n);
                if (!float.IsFinite(v))
                    throw new SimulationException(
                        $"population '{_population.Name}' neuron {n}: membrane potential became {v} at t = {step * dt:0.###} ms (step {step}); " +
                        "check the model's parameters and the size of its input");
            }
        }

        public void Decay()
        {
            foreach (var receptor in Receptors) receptor.Decay();
        }
    }

    /// <summary>One receptor's per-neuron state and its ring buffer of future arrivals.</summary>
    private sealed class ReceptorState(ReceptorDynamics dynamics, int size, int ringLength, INeuronGroup group)
    {
        private readonly float[] _state = new float[size];
        private readonly float[] _ring = new float[size * ringLength];

        public void Schedule(int slot, int neuron, float weight) => _ring[slot * size + neuron] += weight;

        public void Arrive(int slot)
        {
            var arrivals = _ring.AsSpan(slot * size, size);
            for (var n = 0; n < size; n++)
            {
                if (arrivals[n] == 0) continue;
                DeliverNow(n, arrivals[n]);
                arrivals[n] = 0;
            }
        }

        public void DeliverNow(int neuron, float weight)
        {
            if (dynamics.Kind == ReceptorKind.VoltageJump) group.AddVoltage(neuron, weight);
            else _state[neuron] += weight;
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

    /// <summary>
    /// Traces and weights of one plastic projection. The presynaptic trace is kept per synapse and
    /// decayed lazily from its last arrival (so axonal delays are respected); the postsynaptic trace
    /// is per target neuron.
    /// </summary>
    private sealed class PlasticState
    {
        private readonly CompiledProjection _projection;
        private readonly PairPlasticity _rule;
        private readonly float[] _weights;
        private readonly float[] _preTrace;
        private readonly long[] _lastArrival;
        private readonly float[] _postTrace;
        private readonly int[] _incomingStart;
        private readonly int[] _incoming;
        private readonly SortedDictionary<long, List<int>> _pending = [];

        public PlasticState(CompiledProjection projection, CompiledNetwork network)
        {
            _projection = projection;
            _rule = projection.Plasticity!.Rule.Prepare(projection.Plasticity.Parameters, network.Dt);
            var table = projection.Table;
            _weights = (float[])table.Weights.Clone();
            _preTrace = new float[table.Count];
            _lastArrival = new long[table.Count];
            var targets = network.Populations[projection.Target].Size;
            _postTrace = new float[targets];
            // Transposed index: the synapses onto each target, for potentiation on a post spike.
            _incomingStart = new int[targets + 1];
            foreach (var t in table.Targets) _incomingStart[t + 1]++;
            for (var t = 0; t < targets; t++) _incomingStart[t + 1] += _incomingStart[t];
            _incoming = new int[table.Count];
            var fill = (int[])_incomingStart.Clone();
            for (var s = 0; s < table.Count; s++) _incoming[fill[table.Targets[s]]++] = s;
        }

        public void Queue(int synapse, long arrivalStep)
        {
            if (!_pending.TryGetValue(arrivalStep, out var list)) _pending[arrivalStep] = list = [];
            list.Add(synapse);
        }

        public void Arrive(long step, PopulationState target)
        {
            if (!_pending.Remove(step, out var arrivals)) return;
            var receptor = target.Receptors[_projection.Receptor];
            foreach (var s in arrivals)
            {
                _preTrace[s] = PreTraceAt(s, step) + 1;
                _lastArrival[s] = step;
                var neuron = _projection.Table.Targets[s];
                _weights[s] = _rule.OnPreSpike(_weights[s], _postTrace[neuron]);
                receptor.DeliverNow(neuron, _weights[s]);
            }
        }

        public void OnPostSpike(int population, int neuron, long step)
        {
            if (population != _projection.Target) return;
            for (var i = _incomingStart[neuron]; i < _incomingStart[neuron + 1]; i++)
            {
                var s = _incoming[i];
                _weights[s] = _rule.OnPostSpike(_weights[s], PreTraceAt(s, step));
            }
            _postTrace[neuron] += 1;
        }

        public void Decay()
        {
            for (var n = 0; n < _postTrace.Length; n++) _postTrace[n] *= _rule.PostTraceDecay;
        }

        private float PreTraceAt(int synapse, long step) =>
            _preTrace[synapse] == 0 ? 0 : _preTrace[synapse] * MathF.Pow(_rule.PreTraceDecay, step - _lastArrival[synapse]);
    }
}

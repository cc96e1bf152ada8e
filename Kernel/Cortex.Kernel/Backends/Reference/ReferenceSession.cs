using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Recording;

namespace Cortex.Backends.Reference;

/// <summary>
/// One run on the reference backend. The order of work within step n defines Cortex's semantics:
/// <list type="number">
/// <item>state probes sample the state at the start of the step (time n·dt);</item>
/// <item>inputs due at step n are summed per neuron and receptor into the step's arrival slot: input injected by a
/// closed-loop caller first, then plastic synapses (their rule returns the efficacy delivered), then Poisson and
/// spike-time stimuli;</item>
/// <item>each receptor takes its arrival sum (delta receptors jump v instead);</item>
/// <item>every neuron advances with external current (DC + injected) + Σ receptor inputs evaluated at the v the step
/// starts from, held constant over the step; models that ask for it see each port's input separately;</item>
/// <item>receptors advance one step;</item>
/// <item>spikes of step n (plus spikes a caller injected) are recorded, drive plasticity (post side, then pre side)
/// and are sent: each synapse adds its weight to the target receptor's slot for step n + delay (delay ≥ 1 step), except
/// a static synapse of one step onto a linear receptor (<see cref="CompiledReceptor.TakesDirect"/>), which adds its
/// weight straight to the receptor's state, so it acts from step n + 1 like the slot would;</item>
/// <item>plastic neuron states advance, neuromodulators relax towards baseline.</item>
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
    private readonly IPlasticProjection?[] _plastic;
    private readonly float[]?[] _writtenWeights;
    private readonly StimulusDriver _stimuli;
    private readonly long[] _spikeCounts;

    public ReferenceSession(CompiledNetwork network, BackendOptions options)
    {
        _network = network;
        _threads = Math.Max(1, options.Threads);
        var ringLength = network.MaxDelaySteps + 1;
        _populations = [.. network.Populations.Select(p => new PopulationState(p, network, ringLength))];
        _plastic = [.. network.Projections.Select(p => p.Plasticity is null ? null : PlasticProjections.Create(p, network, _populations[p.Target].ReadVoltages))];
        _writtenWeights = new float[]?[network.Projections.Count];
        _stimuli = new StimulusDriver(network);
        _spikeCounts = new long[network.Populations.Count];
        Injected = new InjectedInput([.. network.Populations.Select(p => p.Size)]);
        Neuromodulators = new NeuromodulatorLevels(network);
    }

    public long CurrentStep { get; private set; }

    public IReadOnlyList<long> SpikeCounts => _spikeCounts;

    public InjectedInput Injected { get; }

    public NeuromodulatorLevels Neuromodulators { get; }

    public ReadOnlySpan<int> LastSpikes(int population) => _populations[population].Spikes.ToArray();

    public ReadOnlySpan<float> GetWeights(int projection) =>
        _plastic[projection] is { } plastic ? plastic.Weights(CurrentStep) : _writtenWeights[projection] ?? _network.Projections[projection].Table.Weights;

    public void SetWeights(int projection, ReadOnlySpan<float> weights)
    {
        if (_plastic[projection] is { } plastic) plastic.SetWeights(weights);
        else weights.CopyTo(_writtenWeights[projection] ??= new float[weights.Length]);
    }

    public Span<float> Slot(int population, int receptor, long step) => _populations[population].Receptors[receptor].Slot(step);

    public void InjectInput(int population, int receptor, int neuron, float weight) => Slot(population, receptor, CurrentStep)[neuron] += weight;

    public void ReadState(int population, int receptor, int variable, Span<float> into)
    {
        var state = _populations[population];
        for (var n = 0; n < into.Length; n++)
            into[n] = receptor < 0 ? state.Group.Get(variable, n) : state.Receptors[receptor].Group.Get(variable, n);
    }

    public void WriteState(int population, int receptor, int variable, ReadOnlySpan<float> values)
    {
        var state = _populations[population];
        for (var n = 0; n < values.Length; n++)
            if (receptor < 0) state.Group.Set(variable, n, values[n]);
            else state.Receptors[receptor].Group.Set(variable, n, values[n]);
    }

    public void Advance(int steps, Recorder recorder)
    {
        for (var i = 0; i < steps; i++)
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
            if (_plastic[p] is not { } plastic) continue;
            var projection = _network.Projections[p];
            plastic.BeginStep(Neuromodulators);
            plastic.Arrive(step, Slot(projection.Target, projection.Receptor, step));
        }
        _stimuli.Apply(step, this);
        foreach (var population in _populations) population.Arrive(step);

        foreach (var population in _populations)
            population.UpdateNeurons(step, _network.Dt, _threads, Injected.External(population.Index, _stimuli.DcCurrent(population.Index))!, Neuromodulators);

        foreach (var population in _populations) population.AdvanceReceptors();

        foreach (var population in _populations)
        {
            population.TakeForcedSpikes(Injected);
            var mask = _network.SpikeRecordMasks[population.Index];
            _spikeCounts[population.Index] += population.Spikes.Count;
            foreach (var neuron in population.Spikes)
            {
                if (mask is not null && mask[neuron]) recorder.AddSpike(population.Index, neuron, step);
                Propagate(population.Index, neuron, step);
            }
        }

        foreach (var plastic in _plastic) plastic?.EndStep(step);
        Neuromodulators.Relax();
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
            var weights = _writtenWeights[p] ?? table.Weights;
            var receptor = _populations[projection.Target].Receptors[projection.Receptor];
            for (var s = table.RowStart[neuron]; s < table.RowStart[neuron + 1]; s++)
            {
                var delay = table.DelaySteps[s];
                if (delay == CompiledReceptor.DirectDelaySteps && receptor.TakesDirect) receptor.Group.Receive(table.Targets[s], weights[s]);
                else receptor.Slot(step + delay)[table.Targets[s]] += weights[s];
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

    public void Save(BinaryWriter writer)
    {
        writer.Write(CurrentStep);
        writer.WriteArray<long>(_spikeCounts);
        foreach (var population in _populations) population.Save(writer);
        foreach (var plastic in _plastic) plastic?.Save(writer);
        writer.WriteOptionalArrays(_writtenWeights);
        writer.WriteDrive(_stimuli, Injected, Neuromodulators);
    }

    public void Load(BinaryReader reader)
    {
        CurrentStep = reader.ReadInt64();
        reader.ReadArray<long>(_spikeCounts);
        foreach (var population in _populations) population.Load(reader);
        foreach (var plastic in _plastic) plastic?.Load(reader);
        reader.ReadOptionalArrays(_writtenWeights);
        reader.ReadDrive(_stimuli, Injected, Neuromodulators);
    }

    public void Dispose()
    {
    }

    /// <summary>Neuron state, receptors and this step's spikes of one population.</summary>
    private sealed class PopulationState
    {
        private readonly CompiledPopulation _population;
        private readonly List<int>[] _chunkSpikes;
        private readonly bool _usesPorts;
        private readonly ulong _randomKey;
        private readonly int[] _modulatorMap;
        private readonly float[] _modulators;
        private int[] _spikeScratch = [];

        public PopulationState(CompiledPopulation population, CompiledNetwork network, int ringLength)
        {
            _population = population;
            Group = PopulationFactory.CreateGroup(population, network);
            Receptors = [.. population.Receptors.Select(r => new ReceptorState(r, population.Size, network.Dt, ringLength, Group))];
            _chunkSpikes = [.. Enumerable.Range(0, (population.Size + ChunkSize - 1) / ChunkSize).Select(_ => new List<int>())];
            _usesPorts = population.Model.UsesPortInputs;
            _randomKey = PopulationFactory.RandomKey(network.Seed, population.Index);
            _modulatorMap = PopulationFactory.ModulatorMap(population, network);
            _modulators = new float[_modulatorMap.Length];
        }

        public int Index => _population.Index;
        public INeuronGroup Group { get; }
        public ReceptorState[] Receptors { get; }
        public List<int> Spikes { get; } = [];

        public void Arrive(long step)
        {
            foreach (var receptor in Receptors) receptor.Arrive(step);
        }

        public void UpdateNeurons(long step, double dt, int threads, float[] external, NeuromodulatorLevels levels)
        {
            levels.Gather(Index, _modulatorMap, _modulators);
            if (threads == 1 || _chunkSpikes.Length == 1)
                for (var c = 0; c < _chunkSpikes.Length; c++) UpdateChunk(c, step, dt, external);
            else
            {
                try
                {
                    Parallel.For(0, _chunkSpikes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => UpdateChunk(c, step, dt, external));
                }
                catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is SimulationException) is { } first)
                {
                    throw first;
                }
            }
            Spikes.Clear();
            foreach (var chunk in _chunkSpikes) Spikes.AddRange(chunk);
        }

        private void UpdateChunk(int chunk, long step, double dt, float[] external)
        {
            var spikes = _chunkSpikes[chunk];
            spikes.Clear();
            var ports = _usesPorts ? new PortInput[Receptors.Length] : null;
            var end = Math.Min(_population.Size, (chunk + 1) * ChunkSize);
            for (var n = chunk * ChunkSize; n < end; n++)
            {
                var current = external[n];
                var v = Group.Voltage(n);
                for (var r = 0; r < Receptors.Length; r++)
                {
                    if (Receptors[r].JumpsVoltage) continue;
                    var input = Receptors[r].Group.Input(n, v);
                    current += input.Current;
                    if (ports is not null) ports[r] = input;
                }
                var neuronInput = new NeuronInput(current, external[n], ports, new NeuronRandom(_randomKey, n, step), _modulators);
                if (Group.Step(n, in neuronInput)) spikes.Add(n);
                v = Group.Voltage(n);
                if (!float.IsFinite(v)) throw NonFinite.InPopulation(_population.Name, n, v, step, dt);
            }
        }

        /// <summary>Every neuron's membrane potential (mV), for rules that read the postsynaptic voltage.</summary>
        public void ReadVoltages(Span<float> into)
        {
            for (var n = 0; n < into.Length; n++) into[n] = Group.Voltage(n);
        }

        public void TakeForcedSpikes(InjectedInput injected)
        {
            if (!injected.HasForcedSpikes(Index)) return;
            if (_spikeScratch.Length < _population.Size) _spikeScratch = new int[_population.Size];
            Spikes.CopyTo(_spikeScratch);
            var count = injected.MergeForcedSpikes(Index, _spikeScratch, Spikes.Count);
            Spikes.Clear();
            Spikes.AddRange(_spikeScratch.AsSpan(0, count));
        }

        public void AdvanceReceptors()
        {
            foreach (var receptor in Receptors)
                if (!receptor.JumpsVoltage) receptor.Group.Advance(0, _population.Size);
        }

        public void Save(BinaryWriter writer)
        {
            Group.Save(writer);
            foreach (var receptor in Receptors) receptor.Save(writer);
            writer.WriteArray<int>(Spikes.ToArray());
        }

        public void Load(BinaryReader reader)
        {
            Group.Load(reader);
            foreach (var receptor in Receptors) receptor.Load(reader);
            Spikes.Clear();
            Spikes.AddRange(reader.ReadArray<int>());
        }
    }

    /// <summary>One receptor's per-neuron state and its ring buffer of future arrival sums.</summary>
    private sealed class ReceptorState
    {
        private readonly int _size;
        private readonly int _ringLength;
        private readonly float[] _ring;
        private readonly INeuronGroup _neurons;

        public ReceptorState(CompiledReceptor receptor, int size, double dt, int ringLength, INeuronGroup neurons)
        {
            Group = PopulationFactory.CreateReceptor(receptor, size, dt);
            JumpsVoltage = receptor.Model.JumpsVoltage;
            TakesDirect = receptor.TakesDirect(dt);
            _size = size;
            _ringLength = ringLength;
            _ring = new float[size * ringLength];
            _neurons = neurons;
        }

        public IReceptorGroup Group { get; }

        public bool JumpsVoltage { get; }

        /// <summary>Static synapses of one step add straight to the state (<see cref="CompiledReceptor.TakesDirect"/>).</summary>
        public bool TakesDirect { get; }

        public Span<float> Slot(long step) => _ring.AsSpan((int)(step % _ringLength) * _size, _size);

        public void Arrive(long step)
        {
            var arrivals = Slot(step);
            for (var n = 0; n < _size; n++)
            {
                if (arrivals[n] == 0) continue;
                if (JumpsVoltage) _neurons.AddVoltage(n, arrivals[n]);
                else Group.Receive(n, arrivals[n]);
                arrivals[n] = 0;
            }
        }

        public void Save(BinaryWriter writer)
        {
            Group.Save(writer);
            writer.WriteArray<float>(_ring);
        }

        public void Load(BinaryReader reader)
        {
            Group.Load(reader);
            reader.ReadArray<float>(_ring);
        }
    }
}

using Cortex.Backends;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Recording;
using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One run on the CPU backend, following the reference backend's step order exactly (see
/// <c>ReferenceSession</c>): probes, plastic arrivals, stimuli, fused receptor + neuron update,
/// spikes (injected spikes merged; post-synaptic plasticity, then delivery), end-of-step rule and
/// neuromodulator updates. Sums are bit-identical because every neuron receives its inputs in the reference order:
/// with threads, a large population's update runs in fixed chunks and its static synapses are delivered and arrive
/// in one target range per thread, each range in the serial order (population, spike, projection, synapse).
/// </summary>
internal sealed partial class CpuSession : ISimulationSession, IArrivalSlots, ISynapseMemoryReport
{
    private readonly CompiledNetwork _network;
    private readonly CpuPopulation[] _populations;
    private readonly IPlasticProjection?[] _plastic;
    private readonly CompactSynapses?[] _static;
    // Per projection, the receptor its spikes reach: looked up once, not per spike through the network's lists.
    private readonly CpuReceptor[] _targetReceptor;
    private readonly float[]?[] _writtenWeights;
    private readonly int[][] _outgoing;
    private readonly int[][] _incomingPlastic;
    private readonly StimulusDriver _stimuli;
    private readonly bool _hasDc;
    private readonly long[] _spikeCounts;
    private readonly WorkerPool? _pool;
    private readonly int _parallelMinNeurons;
    private readonly Action<int, Action<int>>? _poolRun;
    private readonly bool _partitioned;
    private readonly Action<int> _deliverPart;
    private long _deliveryStep;

    public CpuSession(CompiledNetwork network, BackendOptions options, int parallelMinNeurons)
    {
        _parallelMinNeurons = parallelMinNeurons;
        _network = network;
        var ringLength = network.MaxDelaySteps + 1;
        _static = [.. network.Projections.Select(p => p.Plasticity is null ? new CompactSynapses(p.Table, network.Populations[p.Target].Size, p.WeightGrid) : null)];
        var threaded = options.Threads > 1 && network.Populations.Any(p => p.Size >= parallelMinNeurons);
        // A threaded population's receptors are split into one target range per thread, which threads deliver into
        // concurrently; that needs every static projection onto it sorted by target within its delay runs.
        _populations = [.. network.Populations.Select(p => new CpuPopulation(p, network, ringLength,
            threaded && p.Size >= parallelMinNeurons && network.Projections.Select((x, i) => (x, i)).All(x => x.x.Target != p.Index || _static[x.i] is not { RunsSortedByTarget: false })
                ? options.Threads : 1))];
        _partitioned = _populations.Any(p => p.Parts > 1);
        _targetReceptor = [.. network.Projections.Select(p => _populations[p.Target].Receptor(p.Receptor))];
        _plastic = [.. network.Projections.Select(p => p.Plasticity is null ? null : PlasticProjections.Create(p, network, _populations[p.Target].ReadVoltages))];
        _writtenWeights = new float[]?[network.Projections.Count];
        _outgoing = [.. network.Populations.Select(pop => network.Projections.Select((p, i) => (p, i)).Where(x => x.p.Source == pop.Index).Select(x => x.i).ToArray())];
        _incomingPlastic = [.. network.Populations.Select(pop => network.Projections.Select((p, i) => (p, i)).Where(x => x.p.Target == pop.Index && x.p.Plasticity is not null).Select(x => x.i).ToArray())];
        _stimuli = new StimulusDriver(network);
        _hasDc = _stimuli.HasDc;
        _spikeCounts = new long[network.Populations.Count];
        Injected = new InjectedInput([.. network.Populations.Select(p => p.Size)]);
        Neuromodulators = new NeuromodulatorLevels(network);
        if (threaded) _pool = new WorkerPool(options.Threads);
        if (_pool is { } pool) _poolRun = pool.Run;
        _deliverPart = DeliverPart;
        HotPaths.EnsureCompiled();
    }

    public long CurrentStep { get; private set; }

    /// <summary>How many target ranges population <paramref name="population"/>'s receptors are split into for threaded delivery.</summary>
    internal int TargetParts(int population) => _populations[population].Parts;

    public IReadOnlyList<long> SpikeCounts => _spikeCounts;

    public InjectedInput Injected { get; }

    public NeuromodulatorLevels Neuromodulators { get; }

    /// <summary>Bytes of static synapse tables plus the receptors' arrival rings, touch lists and states.</summary>
    public long SynapseBytes => _static.Sum(s => s?.Bytes ?? 0) + _populations.Sum(p => p.ReceptorBytes);

    public ReadOnlySpan<int> LastSpikes(int population) => _populations[population].Spikes.AsSpan(0, _populations[population].SpikeCount);

    public ReadOnlySpan<float> GetWeights(int projection) =>
        _plastic[projection] is { } plastic ? plastic.Weights(CurrentStep) : _writtenWeights[projection] ?? _network.Projections[projection].Table.Weights;

    public void SetWeights(int projection, ReadOnlySpan<float> weights)
    {
        if (_plastic[projection] is { } plastic)
        {
            plastic.SetWeights(weights);
            return;
        }
        var written = weights.ToArray();
        _writtenWeights[projection] = written;
        Rebuild(projection, written);
    }

    public Span<float> Slot(int population, int receptor, long step) => _populations[population].Slot(receptor, step);

    public void InjectInput(int population, int receptor, int neuron, float weight) => Slot(population, receptor, CurrentStep)[neuron] += weight;

    public void ReadState(int population, int receptor, int variable, Span<float> into)
    {
        var state = _populations[population];
        for (var n = 0; n < into.Length; n++)
            into[n] = receptor < 0 ? state.Kernel.Get(variable, n) : state.Receptor(receptor).Get(variable, n);
    }

    public void WriteState(int population, int receptor, int variable, ReadOnlySpan<float> values)
    {
        var state = _populations[population];
        for (var n = 0; n < values.Length; n++)
            if (receptor < 0) state.Kernel.Set(variable, n, values[n]);
            else state.Receptor(receptor).Set(variable, n, values[n]);
    }

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(int steps, Recorder recorder)
    {
        for (var i = 0; i < steps; i++)
        {
            StepOnce(CurrentStep, recorder);
            CurrentStep++;
        }
    }

    // The first half of a step, shared with a rank's step (CpuSession.Rank.cs), which exchanges spikes after it:
    // probes sample, plastic arrivals and stimuli reach their receptors, every neuron advances.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdvanceNeurons(long step, Recorder recorder)
    {
        SampleProbes(step, recorder);
        for (var p = 0; p < _plastic.Length; p++)
        {
            if (_plastic[p] is not { } plastic) continue;
            var projection = _network.Projections[p];
            plastic.BeginStep(Neuromodulators);
            // Plastic arrivals report their targets, so the receptor visits only those neurons (as for static synapses).
            var receptor = _populations[projection.Target].Receptor(projection.Receptor);
            var touched = plastic.Arrive(step, receptor.SparseSlot(step));
            if (!touched.IsEmpty) receptor.Touch((int)(step % receptor.RingLength), touched);
        }
        if (_network.Stimuli.Count > 0) _stimuli.Apply(step, this, _poolRun);

        foreach (var population in _populations)
            population.Update(step, Injected.External(population.Index, _hasDc ? _stimuli.DcCurrent(population.Index) : null), Neuromodulators,
                population.Size >= _parallelMinNeurons ? _pool : null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepOnce(long step, Recorder recorder)
    {
        AdvanceNeurons(step, recorder);

        // With target ranges split over threads, static synapses are delivered after the serial hooks, one range per
        // thread; they write only ring slots and touch lists, which the hooks do not read, so the order is unchanged.
        var parallelDelivery = _partitioned && _pool is not null;
        foreach (var population in _populations)
        {
            if (Injected.HasForcedSpikes(population.Index))
                population.SpikeCount = Injected.MergeForcedSpikes(population.Index, population.Spikes, population.SpikeCount);
            var mask = _network.SpikeRecordMasks[population.Index];
            var spikes = population.Spikes;
            _spikeCounts[population.Index] += population.SpikeCount;
            for (var k = 0; k < population.SpikeCount; k++)
            {
                var neuron = spikes[k];
                if (mask is not null && mask[neuron]) recorder.AddSpike(population.Index, neuron, step);
                foreach (var p in _incomingPlastic[population.Index]) _plastic[p]!.OnPostSpike(neuron, step);
                foreach (var p in _outgoing[population.Index])
                {
                    if (_plastic[p] is { } plastic)
                    {
                        plastic.OnPreSpike(neuron, step);
                        continue;
                    }
                    if (parallelDelivery) continue;
                    _static[p]!.Deliver(neuron, step, _targetReceptor[p]);
                }
            }
        }
        if (parallelDelivery)
        {
            _deliveryStep = step;
            _pool!.Run(_pool.Threads, _deliverPart);
        }

        foreach (var plastic in _plastic) plastic?.EndStep(step);
        Neuromodulators.Relax();
    }

    // Part `part` of every split target, and every unsplit target on part 0's thread, in the serial order: population,
    // spike, projection, synapse.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverPart(int part)
    {
        var step = _deliveryStep;
        foreach (var population in _populations)
        {
            var outgoing = _outgoing[population.Index];
            foreach (var neuron in population.Spikes.AsSpan(0, population.SpikeCount))
            {
                foreach (var p in outgoing)
                {
                    if (_static[p] is not { } synapses) continue;
                    var receptor = _targetReceptor[p];
                    if (part < receptor.Parts) synapses.Deliver(neuron, step, receptor, part);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SampleProbes(long step, Recorder recorder)
    {
        for (var i = 0; i < _network.StateProbes.Count; i++)
        {
            var probe = _network.StateProbes[i];
            if (step % probe.IntervalSteps != 0) continue;
            var kernel = _populations[probe.Population].Kernel;
            foreach (var neuron in probe.Neurons) recorder.AddSample(i, _network.Partition?.ToGlobal(neuron) ?? neuron, step, kernel.Get(probe.Variable, neuron));
        }
    }

    private void Rebuild(int projection, float[] weights)
    {
        var compiled = _network.Projections[projection];
        var table = new SynapseTable(compiled.Table.RowStart, compiled.Table.Targets, weights, compiled.Table.DelaySteps);
        _static[projection] = new CompactSynapses(table, _network.Populations[compiled.Target].Size);
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
        var before = (float[]?[])_writtenWeights.Clone();
        reader.ReadOptionalArrays(_writtenWeights);
        for (var p = 0; p < _writtenWeights.Length; p++)
            if (_static[p] is not null && (before[p] is not null || _writtenWeights[p] is not null))
                Rebuild(p, _writtenWeights[p] ?? _network.Projections[p].Table.Weights);
        reader.ReadDrive(_stimuli, Injected, Neuromodulators);
    }

    public void Dispose() => _pool?.Dispose();
}

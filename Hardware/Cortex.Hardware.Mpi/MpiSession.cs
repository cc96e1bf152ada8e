using Cortex.Backends;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Partitioning;
using Cortex.Recording;

namespace Cortex.Hardware.Mpi;

/// <summary>
/// One rank's view of a distributed run, as an ordinary <see cref="ISimulationSession"/>: global neuron indices in and out,
/// global spike counts. Static networks exchange spikes once per min-delay epoch (an arrival is never due sooner) and at
/// the end of every <see cref="Advance"/> call, so a caller's chunking never holds spikes back; a network with plasticity
/// exchanges every step, because the rules must see pre and post spikes of a step in the one-process order.
/// Every rank must make the same calls in the same order (they are collectives).
/// </summary>
internal sealed class MpiSession : ISimulationSession, IExchangeStatistics, ISynapseMemoryReport
{
    private readonly IRankSession _local;
    private readonly CompiledNetwork _network;
    private readonly NeuronPartition _partition;
    private readonly MpiWorld _world;
    private readonly SpikeExchange _exchange;
    private readonly int _epoch;
    private readonly bool _everyStep;
    private readonly long[] _globalCounts;
    private readonly int[][] _lastSpikes;
    private long _lastSpikesStep = -1;

    public MpiSession(IRankSession local, CompiledNetwork network, MpiWorld world)
    {
        _local = local;
        _network = network;
        _partition = network.Partition ?? new NeuronPartition(new RankSelection(0, 1), [.. network.Populations.Select(p => p.Size)]);
        _world = world;
        _exchange = new SpikeExchange(world, network.Populations.Count);
        _epoch = Math.Max(1, network.MinDelaySteps);
        _everyStep = local.HasPlasticity;
        _globalCounts = new long[network.Populations.Count];
        _lastSpikes = [.. network.Populations.Select(_ => Array.Empty<int>())];
    }

    public long CurrentStep => _local.CurrentStep;

    /// <summary>Spikes of every rank per population (exchanged ones; all of them after each <see cref="Advance"/>).</summary>
    public IReadOnlyList<long> SpikeCounts => _globalCounts;

    public InjectedInput Injected => _local.Injected;

    public NeuromodulatorLevels Neuromodulators => _local.Neuromodulators;

    /// <summary>Seconds this rank spent in MPI collectives.</summary>
    public double CommunicationSeconds => _world.CommunicationSeconds;

    /// <summary>Spike ints this rank sent.</summary>
    public long IntsSent => _exchange.IntsSent;

    /// <summary>Spike exchanges so far.</summary>
    public long Exchanges => _exchange.Exchanges;

    /// <summary>This rank's synapse bytes, as the inner backend reports them (0 when it does not).</summary>
    public long SynapseBytes => (_local as ISynapseMemoryReport)?.SynapseBytes ?? 0;

    public void Advance(int steps, Recorder recorder)
    {
        var populations = _network.Populations.Count;
        var localOnly = new ReadOnlyMemory<int>[populations];
        for (var i = 0; i < steps; i++)
        {
            var step = _local.CurrentStep;
            _local.UpdateNeurons(recorder);
            for (var p = 0; p < populations; p++) _exchange.Add(step, p, _local.LocalSpikes(p));
            if (_everyStep)
            {
                _exchange.Exchange();
                var all = new ReadOnlyMemory<int>[populations];
                for (var p = 0; p < populations; p++) all[p] = _exchange.Spikes(0, p);
                Account(0);
                _exchange.Clear();
                _local.CompleteStep(all, deliverStatic: true, recorder);
                continue;
            }
            for (var p = 0; p < populations; p++) localOnly[p] = _local.LocalSpikes(p).ToArray();
            _local.CompleteStep(localOnly, deliverStatic: false, recorder);
            if (_local.CurrentStep % _epoch == 0 || i == steps - 1) ExchangeAndDeliver();
        }
    }

    // Every rank's spikes of the pending steps go over this rank's static synapses, in step order.
    private void ExchangeAndDeliver()
    {
        if (_exchange.Steps == 0) return;
        _exchange.Exchange();
        for (var s = 0; s < _exchange.Steps; s++)
        {
            for (var p = 0; p < _network.Populations.Count; p++) _local.DeliverStatic(_exchange.FirstStep + s, p, _exchange.Spikes(s, p));
            Account(s);
        }
        _exchange.Clear();
    }

    private void Account(int offset)
    {
        for (var p = 0; p < _globalCounts.Length; p++)
        {
            var spikes = _exchange.Spikes(offset, p);
            _globalCounts[p] += spikes.Length;
            _lastSpikes[p] = spikes;
        }
        _lastSpikesStep = _exchange.FirstStep + offset;
    }

    public ReadOnlySpan<int> LastSpikes(int population) =>
        _lastSpikesStep == CurrentStep - 1 ? _lastSpikes[population] : [];

    public void InjectInput(int population, int receptor, int neuron, float weight)
    {
        if (_partition.Owns(neuron)) _local.InjectInput(population, receptor, _partition.ToLocal(neuron), weight);
    }

    /// <summary>Gathers the variable from every rank into global order (a collective).</summary>
    public void ReadState(int population, int receptor, int variable, Span<float> into)
    {
        var local = new float[_network.Populations[population].Size];
        _local.ReadState(population, receptor, variable, local);
        var all = _world.AllGatherV(local, out var counts);
        var offsets = new int[counts.Length];
        for (var r = 1; r < counts.Length; r++) offsets[r] = offsets[r - 1] + counts[r - 1];
        for (var n = 0; n < into.Length; n++) into[n] = all[offsets[n % _partition.Ranks] + n / _partition.Ranks];
    }

    /// <summary>Takes this rank's neurons from a global array of values.</summary>
    public void WriteState(int population, int receptor, int variable, ReadOnlySpan<float> values)
    {
        var local = new float[_network.Populations[population].Size];
        for (var n = 0; n < local.Length; n++) local[n] = values[_partition.ToGlobal(n)];
        _local.WriteState(population, receptor, variable, local);
    }

    /// <summary>This rank's weights of the projection (the synapses onto its neurons, in its table's order).</summary>
    public ReadOnlySpan<float> GetWeights(int projection) => _local.GetWeights(projection);

    /// <summary>Overwrites this rank's weights of the projection (its table's order).</summary>
    public void SetWeights(int projection, ReadOnlySpan<float> weights) => _local.SetWeights(projection, weights);

    /// <summary>Saves this rank's part (each rank writes its own snapshot).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_globalCounts.Length);
        foreach (var c in _globalCounts) writer.Write(c);
        _local.Save(writer);
    }

    /// <summary>Loads what <see cref="Save"/> wrote on the same rank of the same rank count.</summary>
    public void Load(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        for (var p = 0; p < count; p++) _globalCounts[p] = reader.ReadInt64();
        _local.Load(reader);
    }

    public void Dispose() => _local.Dispose();
}

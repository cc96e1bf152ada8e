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
/// Every rank must make the same calls in the same order (they are collectives): the program runs SPMD, as NEST's do, and
/// every call means what it means on one process. Weights are whole projections in the one-process synapse order
/// (<see cref="SynapseOrder"/>), a snapshot holds the whole network, injected input takes global ids and reaches the rank
/// that holds the neuron.
/// </summary>
internal sealed class MpiSession : ISimulationSession, IDistributedSession, IExchangeStatistics, ISynapseMemoryReport
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
    private readonly InjectedInput _injected;
    private readonly int[] _synapseCounts;
    private readonly SynapseOrder?[] _orders;
    private readonly float[][] _wholeWeights;

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
        _injected = new InjectedInput(_partition.GlobalSizes);
        var counts = world.Sum([.. network.Projections.Select(p => (long)p.Table.Count)]);
        _synapseCounts = [.. counts.Select(c => c > int.MaxValue ? throw new InvalidOperationException($"a projection has {c} synapses, more than {int.MaxValue}; split it") : (int)c)];
        _orders = new SynapseOrder?[network.Projections.Count];
        _wholeWeights = [.. network.Projections.Select(_ => Array.Empty<float>())];
    }

    /// <inheritdoc />
    public int Rank => _world.Rank;

    /// <inheritdoc />
    public int Ranks => _world.Size;

    /// <inheritdoc />
    public int SynapseCount(int projection) => _synapseCounts[projection];

    public long CurrentStep => _local.CurrentStep;

    /// <summary>Spikes of every rank per population (exchanged ones; all of them after each <see cref="Advance"/>).</summary>
    public IReadOnlyList<long> SpikeCounts => _globalCounts;

    /// <summary>Injected currents and spikes by global neuron id; each rank hands its neurons' share to its part at the next <see cref="Advance"/>.</summary>
    public InjectedInput Injected => _injected;

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
        _injected.MoveOwnedTo(_local.Injected, _partition);
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

    /// <summary>The whole projection's current weights in the one-process synapse order, gathered from every rank (a collective).</summary>
    public ReadOnlySpan<float> GetWeights(int projection)
    {
        var order = Order(projection);
        var local = _local.GetWeights(projection);
        var all = _world.AllGatherV(local, out var counts);
        var perRank = new float[counts.Length][];
        for (int r = 0, offset = 0; r < counts.Length; offset += counts[r], r++) perRank[r] = all.AsSpan(offset, counts[r]).ToArray();
        _wholeWeights[projection] = order.Join(perRank);
        return _wholeWeights[projection];
    }

    /// <summary>Takes the whole projection's weights (one-process order); each rank keeps those of its own synapses (a collective the first time).</summary>
    public void SetWeights(int projection, ReadOnlySpan<float> weights) => _local.SetWeights(projection, Order(projection).Slice(_world.Rank, weights));

    /// <inheritdoc />
    public SynapseTable WholeTable(int projection)
    {
        var order = Order(projection);
        return new SynapseTable(order.RowStart, order.Targets, GetWeights(projection).ToArray(), order.DelaySteps);
    }

    // Where every rank's synapses of the projection sit in the one-process table: each rank sends its row lengths and, per
    // synapse, (local target, delay); every rank merges them the same way. Computed once per projection, on first use.
    private SynapseOrder Order(int projection)
    {
        if (_orders[projection] is { } known) return known;
        var table = _network.Projections[projection].Table;
        var packed = new int[table.Sources + 2 * table.Count];
        for (var row = 0; row < table.Sources; row++) packed[row] = table.RowStart[row + 1] - table.RowStart[row];
        for (var k = 0; k < table.Count; k++)
        {
            packed[table.Sources + 2 * k] = table.Targets[k];
            packed[table.Sources + 2 * k + 1] = table.DelaySteps[k];
        }
        var counts = _world.AllGather(packed.Length);
        var all = new int[counts.Sum(c => (long)c)];
        _world.AllGatherV(packed, counts, all);
        var parts = new SynapseTable[counts.Length];
        for (int r = 0, offset = 0; r < counts.Length; offset += counts[r], r++)
        {
            var synapses = (counts[r] - table.Sources) / 2;
            var rowStart = new int[table.Sources + 1];
            for (var row = 0; row < table.Sources; row++) rowStart[row + 1] = rowStart[row] + all[offset + row];
            var targets = new int[synapses];
            var delays = new ushort[synapses];
            for (var k = 0; k < synapses; k++)
            {
                targets[k] = all[offset + table.Sources + 2 * k];
                delays[k] = (ushort)all[offset + table.Sources + 2 * k + 1];
            }
            parts[r] = new SynapseTable(rowStart, targets, new float[synapses], delays);
        }
        return _orders[projection] = SynapseOrder.Merge(parts);
    }

    /// <summary>
    /// Writes one snapshot of the whole network, the same bytes on every rank (a collective; <see cref="RankSnapshot"/>):
    /// the global spike counts, the last step's spikes and the injected input, then every rank's part as that rank's
    /// backend saves it.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var part = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) _local.Save(part);
        var parts = _world.AllGatherV(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        RankSnapshot.Write(writer, parts, shared =>
        {
            shared.WriteArray<long>(_globalCounts);
            shared.Write(_lastSpikesStep);
            foreach (var spikes in _lastSpikes) shared.WriteArray<int>(spikes);
            _injected.Save(shared);
        });
    }

    /// <summary>Restores a snapshot <see cref="Save"/> wrote on the same number of ranks; each rank loads its own part.</summary>
    /// <exception cref="ArgumentException">The snapshot was taken on another number of ranks, or is not a distributed snapshot.</exception>
    public void Load(BinaryReader reader)
    {
        var own = RankSnapshot.Read(reader, _world.Rank, _world.Size, shared =>
        {
            shared.ReadArray<long>(_globalCounts);
            _lastSpikesStep = shared.ReadInt64();
            for (var p = 0; p < _lastSpikes.Length; p++) _lastSpikes[p] = shared.ReadArray<int>();
            _injected.Load(shared);
        });
        using var part = new BinaryReader(new MemoryStream(own));
        _local.Load(part);
    }

    public void Dispose() => _local.Dispose();
}

namespace Cortex.Hardware.Mpi;

/// <summary>
/// The spikes of the steps since the last exchange, this rank's and then everyone's. Each rank packs, per step and
/// population, a count and its global neuron indices; one Allgather of the lengths and one Allgatherv of the packs give
/// every rank every spike, which <see cref="Merge"/> lays out per step and population in ascending order, the order a
/// single process produces them in.
/// </summary>
internal sealed class SpikeExchange(MpiWorld world, int populations)
{
    private readonly List<int> _pack = [];
    private int[] _received = [];
    private int[][][] _merged = [];

    /// <summary>First step of the pending steps.</summary>
    public long FirstStep { get; private set; }

    /// <summary>Pending steps (packed, not yet exchanged).</summary>
    public int Steps { get; private set; }

    /// <summary>Ints sent by this rank since the run began (the exchange volume).</summary>
    public long IntsSent { get; private set; }

    /// <summary>Exchanges so far.</summary>
    public long Exchanges { get; private set; }

    /// <summary>Adds this rank's spikes of population <paramref name="population"/> at <paramref name="step"/>; populations in order, steps in order.</summary>
    public void Add(long step, int population, ReadOnlySpan<int> spikes)
    {
        if (Steps == 0 && population == 0) FirstStep = step;
        if (population == 0) Steps++;
        _pack.Add(spikes.Length);
        foreach (var s in spikes) _pack.Add(s);
    }

    /// <summary>Exchanges the pending steps; afterwards <see cref="Spikes"/> gives every rank's spikes of each of them.</summary>
    public void Exchange()
    {
        var counts = world.AllGather(_pack.Count);
        var total = counts.Sum();
        if (_received.Length < total) _received = new int[Math.Max(total, 2 * _received.Length)];
        world.AllGatherV(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pack), counts, _received);
        IntsSent += _pack.Count;
        Exchanges++;
        Merge(counts);
        _pack.Clear();
    }

    /// <summary>After <see cref="Exchange"/>: the spikes (global indices, ascending) of population <paramref name="population"/> at pending step <paramref name="offset"/>.</summary>
    public int[] Spikes(int offset, int population) => _merged[offset][population];

    /// <summary>Forgets the exchanged steps.</summary>
    public void Clear() => Steps = 0;

    private void Merge(int[] counts)
    {
        var steps = Steps;
        var lists = new List<int>[steps, populations];
        for (var s = 0; s < steps; s++)
            for (var p = 0; p < populations; p++) lists[s, p] = [];
        var cursor = 0;
        for (var r = 0; r < counts.Length; r++)
        {
            var end = cursor + counts[r];
            for (var s = 0; s < steps; s++)
                for (var p = 0; p < populations; p++)
                {
                    var count = _received[cursor++];
                    var list = lists[s, p];
                    for (var k = 0; k < count; k++) list.Add(_received[cursor++]);
                }
            if (cursor != end) throw new MpiException($"rank {r} sent {counts[r]} values for {steps} steps, which do not parse; the ranks disagree on the run");
        }
        _merged = new int[steps][][];
        for (var s = 0; s < steps; s++)
        {
            _merged[s] = new int[populations][];
            for (var p = 0; p < populations; p++)
            {
                var merged = lists[s, p].ToArray();
                Array.Sort(merged);
                _merged[s][p] = merged;
            }
        }
    }
}

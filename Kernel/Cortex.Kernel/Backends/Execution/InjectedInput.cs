namespace Cortex.Backends.Execution;

/// <summary>
/// Input a closed-loop caller gives a session between steps, identical for every CPU backend: a per-neuron
/// current (nA) that holds until changed, and spikes that neurons emit at the next step as if they had fired
/// (recorded, delivered, seen by plasticity; the neuron's own state is left alone).
/// </summary>
public sealed class InjectedInput
{
    private readonly int[] _sizes;
    private readonly float[]?[] _currents;
    private readonly float[]?[] _external;
    private readonly List<int>[] _forced;
    private readonly int[]?[] _mergeScratch;

    /// <summary>No injection yet for populations of the given sizes.</summary>
    public InjectedInput(IReadOnlyList<int> sizes)
    {
        _sizes = [.. sizes];
        _currents = new float[]?[_sizes.Length];
        _external = new float[]?[_sizes.Length];
        _forced = [.. _sizes.Select(_ => new List<int>())];
        _mergeScratch = new int[]?[_sizes.Length];
    }

    /// <summary>The injected current of each neuron of <paramref name="population"/> (nA), created at zero on first use.</summary>
    public Span<float> Currents(int population) => _currents[population] ??= new float[_sizes[population]];

    /// <summary>Queues spikes of <paramref name="neurons"/> for the next step.</summary>
    public void ForceSpikes(int population, ReadOnlySpan<int> neurons)
    {
        foreach (var n in neurons)
        {
            if ((uint)n >= (uint)_sizes[population]) throw new ArgumentOutOfRangeException(nameof(neurons), n, $"population {population} has {_sizes[population]} neurons");
            _forced[population].Add(n);
        }
    }

    /// <summary>
    /// The external current of each neuron for this step: <paramref name="dc"/> plus the injected current
    /// (dc[n] + injected[n]), or <paramref name="dc"/> itself when nothing was injected.
    /// </summary>
    public float[]? External(int population, float[]? dc)
    {
        if (_currents[population] is not { } injected) return dc;
        var external = _external[population] ??= new float[_sizes[population]];
        if (dc is null) injected.CopyTo(external, 0);
        else for (var n = 0; n < external.Length; n++) external[n] = dc[n] + injected[n];
        return external;
    }

    /// <summary>True when spikes are queued for <paramref name="population"/>.</summary>
    public bool HasForcedSpikes(int population) => _forced[population].Count > 0;

    /// <summary>
    /// Merges the queued spikes into the step's own spikes <paramref name="spikes"/>[0..count) (ascending), keeping them
    /// ascending and unique; clears the queue and returns the new count. <paramref name="spikes"/> must hold the population's size.
    /// </summary>
    public int MergeForcedSpikes(int population, Span<int> spikes, int count)
    {
        var forced = _forced[population];
        if (forced.Count == 0) return count;
        forced.Sort();
        var scratch = _mergeScratch[population] ??= new int[_sizes[population]];
        int i = 0, j = 0, total = 0;
        while (i < count || j < forced.Count)
        {
            int next;
            if (j >= forced.Count || (i < count && spikes[i] <= forced[j])) next = spikes[i++];
            else next = forced[j++];
            if (total == 0 || scratch[total - 1] != next) scratch[total++] = next;
        }
        scratch.AsSpan(0, total).CopyTo(spikes);
        forced.Clear();
        return total;
    }

    /// <summary>
    /// Hands one rank its share of input given with global neuron ids (this instance sized globally): copies the currents
    /// of the neurons <paramref name="partition"/> holds into <paramref name="part"/> (sized by the rank's local
    /// populations) and moves their queued spikes there as local ids; the queue here is emptied.
    /// </summary>
    public void MoveOwnedTo(InjectedInput part, Partitioning.NeuronPartition partition)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(partition);
        for (var p = 0; p < _sizes.Length; p++)
        {
            if (_currents[p] is { } currents)
            {
                var local = part.Currents(p);
                for (var n = 0; n < local.Length; n++) local[n] = currents[partition.ToGlobal(n)];
            }
            foreach (var neuron in _forced[p])
                if (partition.Owns(neuron)) part._forced[p].Add(partition.ToLocal(neuron));
            _forced[p].Clear();
        }
    }

    /// <summary>Writes injected currents and queued spikes for a snapshot.</summary>
    public void Save(BinaryWriter writer)
    {
        for (var p = 0; p < _sizes.Length; p++)
        {
            writer.Write(_currents[p] is not null);
            if (_currents[p] is { } currents) writer.WriteArray<float>(currents);
            writer.WriteArray<int>(_forced[p].ToArray());
        }
    }

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        for (var p = 0; p < _sizes.Length; p++)
        {
            if (reader.ReadBoolean()) reader.ReadArray<float>(Currents(p));
            else _currents[p] = null;
            _forced[p].Clear();
            _forced[p].AddRange(reader.ReadArray<int>());
        }
    }
}

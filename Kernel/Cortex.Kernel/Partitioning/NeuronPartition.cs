namespace Cortex.Partitioning;

/// <summary>
/// How the neurons of a network are shared among ranks: round-robin within each population, as NEST deals out its
/// nodes, so every rank holds about the same share of every population and load balances even when populations differ
/// in rate. Global neuron g of a population lives on rank g mod R as local neuron g div R.
/// </summary>
public sealed class NeuronPartition
{
    /// <summary>Creates the partition of populations of <paramref name="globalSizes"/> for <paramref name="selection"/>.</summary>
    public NeuronPartition(RankSelection selection, IReadOnlyList<int> globalSizes)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(selection.Ranks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(selection.Rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(selection.Rank, selection.Ranks);
        Rank = selection.Rank;
        Ranks = selection.Ranks;
        GlobalSizes = [.. globalSizes];
    }

    /// <summary>This rank.</summary>
    public int Rank { get; }

    /// <summary>Number of ranks.</summary>
    public int Ranks { get; }

    /// <summary>Neurons per population over all ranks.</summary>
    public IReadOnlyList<int> GlobalSizes { get; }

    /// <summary>Neurons of a population of <paramref name="globalSize"/> that rank <paramref name="rank"/> holds.</summary>
    public int LocalSize(int globalSize, int rank) => globalSize <= rank ? 0 : (globalSize - rank + Ranks - 1) / Ranks;

    /// <summary>Neurons of population <paramref name="population"/> on this rank.</summary>
    public int LocalSize(int population) => LocalSize(GlobalSizes[population], Rank);

    /// <summary>Whether this rank holds global neuron <paramref name="neuron"/> (of any population).</summary>
    public bool Owns(int neuron) => neuron % Ranks == Rank;

    /// <summary>The rank that holds global neuron <paramref name="neuron"/>.</summary>
    public int OwnerOf(int neuron) => neuron % Ranks;

    /// <summary>The local index of global neuron <paramref name="neuron"/> on its owner.</summary>
    public int ToLocal(int neuron) => neuron / Ranks;

    /// <summary>The global index of this rank's local neuron <paramref name="local"/>.</summary>
    public int ToGlobal(int local) => local * Ranks + Rank;

    /// <summary>
    /// The first population that cannot give every rank a neuron, as (name index, size), or null. Cortex refuses such
    /// rank counts: a rank with an empty population would hold no state for it, and the usual cause is a typo in
    /// <c>-n</c>; running on fewer ranks is always possible.
    /// </summary>
    public int? FirstTooSmallPopulation()
    {
        for (var p = 0; p < GlobalSizes.Count; p++)
            if (GlobalSizes[p] < Ranks) return p;
        return null;
    }

    /// <summary>The entries of <paramref name="values"/> (indexed by global neuron) that this rank holds, in local order.</summary>
    public T[] Slice<T>(IReadOnlyList<T> values, int stride = 1)
    {
        var local = LocalSize(values.Count / stride, Rank);
        var result = new T[local * stride];
        for (var n = 0; n < local; n++)
            for (var k = 0; k < stride; k++) result[n * stride + k] = values[ToGlobal(n) * stride + k];
        return result;
    }
}

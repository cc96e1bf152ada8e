namespace Cortex.Spec;

/// <summary>
/// Neurons of the source and of the target population are grouped in consecutive blocks (e.g. one block per brain
/// region); each listed (target block, source block) pair connects every neuron pair independently with probability
/// <see cref="BlockEntry.P"/>, unlisted pairs not at all. One projection thus holds a whole sparse block matrix
/// (a connectome of 10⁵ region pairs) without one projection, and one row-start array, per pair.
/// </summary>
/// <param name="SourceBlocks">Sizes of the source blocks in order; they sum to the source population's size.</param>
/// <param name="TargetBlocks">Sizes of the target blocks in order; they sum to the target population's size.</param>
/// <param name="Entries">The connected block pairs; a pair appears at most once.</param>
/// <param name="AllowAutapses">When false and source and target are the same population, no neuron connects to itself.</param>
public sealed record BlockConnector(
    IReadOnlyList<int> SourceBlocks,
    IReadOnlyList<int> TargetBlocks,
    IReadOnlyList<BlockEntry> Entries,
    bool AllowAutapses = true) : ConnectorSpec
{
    /// <inheritdoc />
    public override string Type => "blocks";

    /// <summary>The expected number of synapses, Σ P · |source block| · |target block| over the entries (autapses included).</summary>
    public double ExpectedSynapses()
    {
        var total = 0.0;
        foreach (var entry in Entries)
            if (entry.Source >= 0 && entry.Source < SourceBlocks.Count && entry.Target >= 0 && entry.Target < TargetBlocks.Count)
                total += entry.P * SourceBlocks[entry.Source] * (double)TargetBlocks[entry.Target];
        return total;
    }
}

/// <summary>One connected block pair of a <see cref="BlockConnector"/>.</summary>
/// <param name="Target">Target block index.</param>
/// <param name="Source">Source block index.</param>
/// <param name="P">Connection probability of each neuron pair, in [0, 1].</param>
/// <param name="DelayMs">Delay of every synapse of the pair in ms, overriding the projection's delay; null to use it.</param>
public readonly record struct BlockEntry(int Target, int Source, double P, double? DelayMs = null);

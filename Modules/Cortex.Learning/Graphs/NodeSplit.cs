using Cortex.Learning.Data;

namespace Cortex.Learning.Graphs;

/// <summary>
/// The semi-supervised split of node classification (Planetoid, as in Kipf &amp; Welling and SpikingGCN): a fixed
/// number of labelled training nodes per class, chosen by a seeded shuffle of each class; every other node is a
/// test node. Both lists are sorted.
/// </summary>
public static class NodeSplit
{
    /// <summary>Splits the nodes of <paramref name="labels"/>; each class must keep at least one test node.</summary>
    public static (long[] Train, long[] Test) Create(IReadOnlyList<long> labels, int trainPerClass, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainPerClass, 1);
        var train = new List<long>();
        var test = new List<long>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            if (members.Length <= trainPerClass)
                throw new ArgumentOutOfRangeException(nameof(trainPerClass), trainPerClass,
                    $"class {group.Key} has {members.Length} nodes: fewer than {trainPerClass} training nodes plus one test node");
            var order = SeededPermutation.Create(members.Length, seed, SeededPermutation.SplitPurpose, group.Key);
            for (var k = 0; k < members.Length; k++) (k < trainPerClass ? train : test).Add(members[order[k]]);
        }
        train.Sort();
        test.Sort();
        return ([.. train], [.. test]);
    }
}

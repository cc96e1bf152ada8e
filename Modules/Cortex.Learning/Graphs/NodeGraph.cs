namespace Cortex.Learning.Graphs;

/// <summary>
/// An undirected graph whose nodes carry features and a class label: the input of node classification
/// (SpikingGCN and its GCN baseline). Features are row-major [nodes, features]; edges are unordered pairs
/// without self-loops (the normalised adjacency adds those itself).
/// </summary>
/// <param name="Name">Where the graph came from, e.g. "sbm" or "networkx/karate_club".</param>
/// <param name="NodeCount">The number of nodes.</param>
/// <param name="Edges">Each undirected edge once, as (smaller, larger) node indices.</param>
/// <param name="Features">Node features, row-major [NodeCount × FeatureCount].</param>
/// <param name="FeatureCount">Features per node.</param>
/// <param name="Labels">The class of each node.</param>
/// <param name="ClassCount">The number of classes.</param>
public sealed record NodeGraph(
    string Name,
    int NodeCount,
    IReadOnlyList<(int A, int B)> Edges,
    float[] Features,
    int FeatureCount,
    long[] Labels,
    int ClassCount)
{
    /// <summary>Checks that every index, the feature array and every label are in range.</summary>
    public void Validate()
    {
        if (NodeCount < 1) throw new InvalidDataException($"{Name}: a graph needs at least one node");
        if (Features.Length != (long)NodeCount * FeatureCount)
            throw new InvalidDataException($"{Name}: {Features.Length} feature values for {NodeCount} nodes × {FeatureCount} features");
        if (Labels.Length != NodeCount) throw new InvalidDataException($"{Name}: {Labels.Length} labels for {NodeCount} nodes");
        foreach (var (a, b) in Edges)
        {
            if (a < 0 || b < 0 || a >= NodeCount || b >= NodeCount || a == b)
                throw new InvalidDataException($"{Name}: edge ({a}, {b}) is a self-loop or names a node outside 0..{NodeCount - 1}");
        }
        foreach (var label in Labels)
        {
            if (label < 0 || label >= ClassCount) throw new InvalidDataException($"{Name}: label {label} outside 0..{ClassCount - 1}");
        }
    }

    /// <summary>Identity features (one-hot node index), as Kipf &amp; Welling use for graphs without node features.</summary>
    public static float[] OneHotFeatures(int nodeCount)
    {
        var features = new float[(long)nodeCount * nodeCount];
        for (var i = 0; i < nodeCount; i++) features[((long)i * nodeCount) + i] = 1;
        return features;
    }
}

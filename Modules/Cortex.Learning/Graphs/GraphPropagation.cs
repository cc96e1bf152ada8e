using static TorchSharp.torch;

namespace Cortex.Learning.Graphs;

/// <summary>
/// The graph convolution SpikingGCN and GCN share: S = D̃^−½ (A + I) D̃^−½, the adjacency with self-loops normalised
/// by the degrees D̃ of A + I (Kipf &amp; Welling 2017, eq. 2), and its K-th power applied to the node features.
/// </summary>
public static class GraphPropagation
{
    /// <summary>S as a dense float32 [N, N] tensor (the graphs here have at most a few thousand nodes).</summary>
    public static Tensor NormalizedAdjacency(NodeGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var degree = new double[n];
        Array.Fill(degree, 1.0);   // the self-loop
        foreach (var (a, b) in graph.Edges)
        {
            degree[a]++;
            degree[b]++;
        }
        var values = new float[(long)n * n];
        for (var i = 0; i < n; i++) values[((long)i * n) + i] = (float)(1 / degree[i]);
        foreach (var (a, b) in graph.Edges)
        {
            var w = (float)(1 / Math.Sqrt(degree[a] * degree[b]));
            values[((long)a * n) + b] = w;
            values[((long)b * n) + a] = w;
        }
        return tensor(values, [n, n]);
    }

    /// <summary>
    /// S^K X, then every feature divided by its largest value over the nodes so the result lies in [0, 1], the
    /// range the spike encoders take as firing probabilities (features are non-negative, and so is S).
    /// </summary>
    public static Tensor PropagatedFeatures(NodeGraph graph, int steps)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        using var scope = NewDisposeScope();
        var x = tensor(graph.Features, [graph.NodeCount, graph.FeatureCount]);
        if (steps > 0)
        {
            var s = NormalizedAdjacency(graph);
            for (var k = 0; k < steps; k++) x = s.matmul(x);
        }
        var largest = x.amax([0], keepdim: true).clamp_min(1e-12);
        return (x / largest).clamp(0, 1).MoveToOuterDisposeScope();
    }
}

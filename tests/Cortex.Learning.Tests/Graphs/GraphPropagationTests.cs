using Cortex.Learning.Graphs;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Graphs;

/// <summary>
/// The normalised adjacency S = D̃^−½(A + I)D̃^−½ and S^K X against values worked out by hand and a plain-loop
/// implementation in double precision.
/// </summary>
public sealed class GraphPropagationTests
{
    /// <summary>The path 0 – 1 – 2 with two features per node.</summary>
    private static NodeGraph Path3() => new("path", 3, [(0, 1), (1, 2)], [1, 0, 0, 1, 1, 1], 2, [0, 1, 0], 2);

    [TorchFact]
    public void NormalizedAdjacency_OfAPath_MatchesTheHandComputedEntries()
    {
        // Degrees with self-loops: 2, 3, 2.
        using var s = GraphPropagation.NormalizedAdjacency(Path3());
        Assert.Equal(new long[] { 3, 3 }, s.shape);
        var expected = new double[,]
        {
            { 1.0 / 2, 1 / Math.Sqrt(6), 0 },
            { 1 / Math.Sqrt(6), 1.0 / 3, 1 / Math.Sqrt(6) },
            { 0, 1 / Math.Sqrt(6), 1.0 / 2 },
        };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) Assert.Equal(expected[i, j], s[i, j].item<float>(), 1e-6);
        }
    }

    [TorchFact]
    public void NormalizedAdjacency_HasEigenvalueOne_WithEigenvectorSqrtDegree()
    {
        // S·D̃^½·1 = D̃^−½(A + I)·1 = D̃^−½·D̃·1 = D̃^½·1: holds for every graph.
        var graph = StochasticBlockModel.Generate(new StochasticBlockModelOptions { Classes = 3, NodesPerClass = 20 }, 5);
        var degree = Enumerable.Repeat(1.0, graph.NodeCount).ToArray();
        foreach (var (a, b) in graph.Edges)
        {
            degree[a]++;
            degree[b]++;
        }
        using var s = GraphPropagation.NormalizedAdjacency(graph).to(float64);
        using var root = tensor(degree.Select(Math.Sqrt).ToArray());
        using var product = s.matmul(root);
        Assert.True(product.allclose(root, 1e-6, 1e-6));
        Assert.True(s.allclose(s.t(), 0, 0), "S must be symmetric");
    }

    [TorchFact]
    public void PropagatedFeatures_EqualSToTheKTimesX_ScaledPerFeature()
    {
        var graph = StochasticBlockModel.Generate(new StochasticBlockModelOptions { Classes = 2, NodesPerClass = 6, Features = 5, TopicWordRate = 0.6 }, 3);
        var n = graph.NodeCount;
        var f = graph.FeatureCount;
        using var s = GraphPropagation.NormalizedAdjacency(graph);
        var sValues = s.to(float64).data<double>().ToArray();
        var x = graph.Features.Select(v => (double)v).ToArray();
        for (var k = 0; k < 2; k++)
        {
            var next = new double[n * f];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    for (var c = 0; c < f; c++) next[(i * f) + c] += sValues[(i * n) + j] * x[(j * f) + c];
            x = next;
        }
        for (var c = 0; c < f; c++)
        {
            var largest = Enumerable.Range(0, n).Max(i => x[(i * f) + c]);
            for (var i = 0; i < n; i++) x[(i * f) + c] = largest > 0 ? x[(i * f) + c] / largest : 0;
        }
        using var propagated = GraphPropagation.PropagatedFeatures(graph, 2);
        Assert.Equal(new long[] { n, f }, propagated.shape);
        var actual = propagated.data<float>().ToArray();
        // A tolerance, not rounding to 5 places: float32 sums whose order libtorch picks can straddle a rounding boundary.
        for (var i = 0; i < actual.Length; i++) Assert.Equal(x[i], actual[i], 1e-5);
        Assert.All(actual, v => Assert.InRange(v, 0f, 1f));
    }

    [TorchFact]
    public void PropagatedFeatures_WithKZero_AreTheScaledFeatures()
    {
        using var propagated = GraphPropagation.PropagatedFeatures(Path3(), 0);
        Assert.Equal(new float[] { 1, 0, 0, 1, 1, 1 }, propagated.data<float>().ToArray());
    }
}

using Cortex.Learning.Plasticity;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>The trace update of differentiable plasticity against numbers worked out by hand for a 2×2 trace.</summary>
public sealed class HebbianTraceTests
{
    // Hebb [post, pre], presynaptic y_{t−1} = (0.5, −1), postsynaptic y_t = (0.8, −0.4), η = 0.1.
    private static readonly double[] Trace = [0.1, -0.2, 0.3, 0.05];
    private static readonly double[] Pre = [0.5, -1];
    private static readonly double[] Post = [0.8, -0.4];
    private const double Eta = 0.1;

    [TorchFact]
    public void Decaying_rule_is_one_minus_eta_times_hebb_plus_eta_times_post_times_pre()
    {
        // 0.9·0.1 + 0.1·0.8·0.5 = 0.13;    0.9·(−0.2) + 0.1·0.8·(−1) = −0.26;
        // 0.9·0.3 + 0.1·(−0.4)·0.5 = 0.25; 0.9·0.05 + 0.1·(−0.4)·(−1) = 0.085.
        AssertNext(HebbianRule.Decaying, [0.13, -0.26, 0.25, 0.085]);
    }

    [TorchFact]
    public void Oja_rule_is_hebb_plus_eta_times_post_times_pre_minus_post_times_hebb()
    {
        // 0.1 + 0.1·0.8·(0.5 − 0.8·0.1) = 0.1336;          −0.2 + 0.1·0.8·(−1 − 0.8·(−0.2)) = −0.2672;
        // 0.3 + 0.1·(−0.4)·(0.5 − (−0.4)·0.3) = 0.2752;   0.05 + 0.1·(−0.4)·(−1 − (−0.4)·0.05) = 0.0892.
        AssertNext(HebbianRule.Oja, [0.1336, -0.2672, 0.2752, 0.0892]);
    }

    [TorchFact]
    public void A_batch_keeps_one_trace_per_sequence()
    {
        // The second sequence has zero activity: its trace only decays, the first one's also learns.
        using var hebb = tensor(Trace.Concat(Trace).ToArray(), [2, 2, 2], float64);
        using var pre = tensor(Pre.Concat([0.0, 0.0]).ToArray(), [2, 2], float64);
        using var post = tensor(Post.Concat([0.0, 0.0]).ToArray(), [2, 2], float64);
        using var eta = tensor(Eta, float64);
        using var next = HebbianTrace.Next(hebb, pre, post, eta, HebbianRule.Decaying);
        var values = next.data<double>().ToArray();
        AssertClose([0.13, -0.26, 0.25, 0.085], values[..4]);
        AssertClose(Trace.Select(h => 0.9 * h).ToArray(), values[4..]);
    }

    private static void AssertNext(HebbianRule rule, double[] expected)
    {
        using var hebb = tensor(Trace, [2, 2], float64);
        using var pre = tensor(Pre, float64);
        using var post = tensor(Post, float64);
        using var eta = tensor(Eta, float64);
        using var next = HebbianTrace.Next(hebb, pre, post, eta, rule);
        Assert.Equal([2L, 2L], next.shape);
        AssertClose(expected, next.data<double>().ToArray());
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}

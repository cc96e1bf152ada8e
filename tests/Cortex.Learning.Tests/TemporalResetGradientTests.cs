using Cortex.Learning.Neurons;
using Cortex.Learning.Surrogates;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// Temporal surrogate back-propagation (Yukun Yang, "Temporal Surrogate Back-propagation for Spiking Neural
/// Networks", arXiv 2011.09964, 2020): the reset v[t] = h[t]·(1 − s[t]) + s[t]·v_reset depends on the spike,
/// so ∂v[t]/∂h[t] has a term (v_reset − h[t])·σ'(h[t] − θ) through s[t] that most surrogate-gradient
/// trainers drop. <c>"detach_reset": false</c> (the default) keeps it; <c>true</c> drops it. Both are checked
/// here against a reverse pass written out by hand in double precision.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class TemporalResetGradientTests
{
    private const double Tau = 2, Threshold = 1;

    /// <summary>d(Σ_t c_t·s_t)/dx_t by hand: the BPTT recurrence with or without the reset's temporal term.</summary>
    private static double[] HandGradient(double[] x, double[] c, SurrogateGradient surrogate, bool temporal, ResetMode reset)
    {
        var k = LifNeuron.LeakFromTau(Tau);
        var steps = x.Length;
        var h = new double[steps];
        var s = new double[steps];
        var v = 0.0;
        for (var t = 0; t < steps; t++)
        {
            h[t] = v + (k * (x[t] - v));
            s[t] = h[t] >= Threshold ? 1 : 0;
            v = reset == ResetMode.Zero ? h[t] * (1 - s[t]) : h[t] - (s[t] * Threshold);
        }
        using var distance = tensor(h.Select(value => value - Threshold).ToArray());
        using var slopes = surrogate.Derivative(distance);
        var sigma = slopes.data<double>().ToArray();
        var gradient = new double[steps];
        var gradV = 0.0;
        for (var t = steps - 1; t >= 0; t--)
        {
            var dvdh = reset == ResetMode.Zero
                ? (1 - s[t]) + (temporal ? (0 - h[t]) * sigma[t] : 0)
                : 1 - (temporal ? Threshold * sigma[t] : 0);
            var gradH = (c[t] * sigma[t]) + (gradV * dvdh);
            gradient[t] = k * gradH;
            gradV = (1 - k) * gradH;
        }
        return gradient;
    }

    [TorchTheory]
    [InlineData(ResetMode.Zero)]
    [InlineData(ResetMode.Subtract)]
    public void DetachReset_False_BackPropagatesTheResetsTemporalTerm_AndTrue_DropsIt(ResetMode reset)
    {
        var random = new Random(21);
        const int steps = 12;
        var x = Enumerable.Range(0, steps).Select(_ => 0.6 + random.NextDouble()).ToArray();
        var c = Enumerable.Range(0, steps).Select(_ => random.NextDouble() - 0.5).ToArray();
        var surrogate = new ArcTanSurrogate(2);
        foreach (var temporal in new[] { true, false })
        {
            foreach (var fused in new[] { true, false })
            {
                using var layer = new LifNeuron(Tau, new NeuronOptions { Reset = reset, DetachReset = !temporal, Surrogate = surrogate }) { UseFusedKernel = fused };
                using var input = tensor(x.Select(v => (float)v).ToArray()).reshape(steps, 1, 1).requires_grad_();
                using var spikes = layer.call(input);
                using var loss = (spikes.reshape(steps) * tensor(c.Select(v => (float)v).ToArray())).sum();
                loss.backward();
                var actual = input.grad!.reshape(steps).to(float64).data<double>().ToArray();
                var expected = HandGradient(x, c, surrogate, temporal, reset);
                for (var t = 0; t < steps; t++)
                    Assert.True(Math.Abs(actual[t] - expected[t]) <= 1e-4 * Math.Max(1, Math.Abs(expected[t])),
                        $"temporal={temporal}, fused={fused}, step {t}: autograd {actual[t]}, by hand {expected[t]}");
            }
        }
        // The term matters: with spikes in the sequence the two gradients differ.
        var withTerm = HandGradient(x, c, surrogate, temporal: true, reset);
        var without = HandGradient(x, c, surrogate, temporal: false, reset);
        Assert.True(withTerm.Zip(without).Any(p => Math.Abs(p.First - p.Second) > 1e-3), "the reset's temporal term changed nothing");
    }
}

using Cortex.Learning.EventProp;

namespace Cortex.Learning.Tests.EventProp;

/// <summary>
/// EventProp's gradient is exact: every weight's adjoint gradient equals the central finite difference of the
/// loss, on a tiny network where the perturbation changes no spike count (the loss is then smooth in the weight).
/// </summary>
public sealed class EventPropGradientTests
{
    private static readonly FirstSpikeTimeLoss Loss = new(Tau0: 2, Tau1: 20, Alpha: 0.01);

    private static (double Loss, int[] Counts) Evaluate(EventPropNetwork network, int label)
    {
        var grads = network.NewGradients();
        var trial = network.Gradient(EventPropFixtures.TinyFeatures, label, Loss, grads);
        return (trial.Loss, [.. trial.Spikes.Select(s => s.Count)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryWeightsGradient_MatchesCentralFiniteDifferences(int label)
    {
        var network = EventPropFixtures.Tiny();
        var gradients = network.NewGradients();
        var trial = network.Gradient(EventPropFixtures.TinyFeatures, label, Loss, gradients);
        var counts = trial.Spikes.Select(s => s.Count).ToArray();
        // The case worth checking: hidden neurons fire repeatedly (resets inside the trial) and every output fires.
        var hidden = trial.Spikes[1];
        Assert.Contains(Enumerable.Range(0, 8), n => hidden.Sources.Count(s => s == n) >= 2);
        Assert.All(trial.Spikes[2].FirstSpikeTimes(), t => Assert.True(double.IsFinite(t), "an output neuron stayed silent"));

        const double h = 1e-6;
        var compared = 0;
        for (var l = 0; l < network.Layers.Count; l++)
        {
            var weights = network.Layers[l].Weights;
            var nonZero = 0;
            for (var k = 0; k < weights.Length; k++)
            {
                var original = weights[k];
                weights[k] = original + h;
                var (up, upCounts) = Evaluate(network, label);
                weights[k] = original - h;
                var (down, downCounts) = Evaluate(network, label);
                weights[k] = original;
                if (!upCounts.SequenceEqual(counts) || !downCounts.SequenceEqual(counts)) continue;
                var numeric = (up - down) / (2 * h);
                var analytic = gradients[l][k];
                Assert.True(Math.Abs(numeric - analytic) <= 1e-6 + (1e-5 * Math.Abs(numeric)),
                    $"layer {l}, weight {k}: adjoint {analytic}, finite difference {numeric}");
                compared++;
                if (Math.Abs(analytic) > 1e-4) nonZero++;
            }
            Assert.True(nonZero >= 4, $"layer {l}: only {nonZero} clearly non-zero gradients; the check would pass for zeros");
        }
        Assert.True(compared >= 60, $"only {compared} of 72 weights kept their spike counts under the perturbation");
    }

    [Fact]
    public void GradientOfAnOutputsFirstSpike_IsMinusWeightOverSlope_ForASingleInputSpike()
    {
        // One input spike at t = 0 into one neuron; L = t_first (label 0, and a rival that
        // never fires and counts as firing at T: L = t/τ₀ + log(1 + e^{(t − T)/τ₀})). Implicit differentiation: dt/dw = −(∂V/∂w)/V̇ at the crossing,
        // with ∂V/∂w = V(t)/w since V is linear in w.
        var neuron = new CurrentLif(20, 5, 1);
        var layer = new EventLayer(1, 2, neuron, [9.0, 0.0]);
        var network = new EventPropNetwork([layer], new Cortex.Learning.Encoding.LatencyEncoder(), inputWindow: 1, duration: 30);
        var loss = new FirstSpikeTimeLoss(Tau0: 5, Tau1: 1, Alpha: 0);
        var gradients = network.NewGradients();
        var trial = network.Gradient([1.0], 0, loss, gradients);
        var t = trial.Spikes[1].Times[0];
        var current = 9.0 * Math.Exp(-t / 5);
        var slope = (current - 1) / 20;
        var dtdw = -(1.0 / 9.0) / slope;
        var p = Math.Exp(-t / 5) / (Math.Exp(-t / 5) + Math.Exp(-30.0 / 5));
        var expected = (1 - p) / 5 * dtdw;
        Assert.Equal(expected, gradients[0][0], 1e-15);
        Assert.True(Math.Abs(expected) > 1e-8);
    }
}

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

/// <summary>
/// The silent-label term (ours, off by default): when the label neuron stays silent its input weights get the gradient
/// of −β·(1/T)∫V dt / ϑ, checked against a numerical integral of the label neuron's potential (exact exponential
/// steps of 1e-3 ms, trapezoid rule) differentiated by central differences.
/// </summary>
public sealed class SilentLabelPushTests
{
    [Fact]
    public void ASilentLabelsWeights_GetTheGradientOfItsMeanPotential()
    {
        var network = EventPropFixtures.Tiny();
        const int label = 1;
        var output = network.Layers[1];
        for (var i = 0; i < output.Inputs; i++) output.Weights[(label * output.Inputs) + i] *= 0.05;   // too weak to fire
        var plain = network.NewGradients();
        var pushed = network.NewGradients();
        var trial = network.Gradient(EventPropFixtures.TinyFeatures, label, new FirstSpikeTimeLoss(2, 20, 0.01), plain);
        network.Gradient(EventPropFixtures.TinyFeatures, label, new FirstSpikeTimeLoss(2, 20, 0.01, SilentLabelPush: 0.5), pushed);
        Assert.True(double.IsPositiveInfinity(trial.Spikes[2].FirstSpikeTimes()[label]), "the label neuron fired");
        var hidden = trial.Spikes[1];
        Assert.True(hidden.Count > 0);

        double MeanPotential(double[] weights)
        {
            var n = output.Neuron;
            const double dt = 1e-3;
            var steps = (int)Math.Round(network.Duration / dt);
            double v = 0, i = 0, integral = 0;
            var next = 0;
            for (var step = 0; step < steps; step++)
            {
                while (next < hidden.Count && hidden.Times[next] < (step + 1) * dt)
                {
                    // Deliver the spike at its exact time inside the step.
                    var into = hidden.Times[next] - (step * dt);
                    var (v1, i1) = (v, i);
                    n.Advance(ref v1, ref i1, into);
                    i1 += weights[hidden.Sources[next]];
                    n.Advance(ref v1, ref i1, -into);
                    (v, i) = (v1, i1);
                    next++;
                }
                var before = v;
                n.Advance(ref v, ref i, dt);
                integral += dt * (before + v) / 2;
            }
            return integral / network.Duration / n.Threshold;
        }

        var row = output.Weights.AsSpan(label * output.Inputs, output.Inputs).ToArray();
        var checkedAny = false;
        for (var i = 0; i < row.Length; i++)
        {
            const double h = 1e-3;
            var up = (double[])row.Clone();
            up[i] += h;
            var down = (double[])row.Clone();
            down[i] -= h;
            var expected = -0.5 * (MeanPotential(up) - MeanPotential(down)) / (2 * h);
            var actual = pushed[1][(label * output.Inputs) + i] - plain[1][(label * output.Inputs) + i];
            Assert.Equal(expected, actual, 1e-5);
            checkedAny |= Math.Abs(expected) > 1e-3;
        }
        Assert.True(checkedAny, "no hidden neuron drives the label neuron; the check would pass for zeros");
        Assert.Equal(plain[0], pushed[0]);
    }
}

using Cortex.Learning.Memristive;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Memristive;

/// <summary>
/// The memristive crossbar layer: weights from differential conductance pairs, conductances held within
/// [G_min, G_max] under any update, the device window, programmable levels, read noise, finite-difference
/// gradients, seeded initialisation and configuration errors naming their JSON path.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class MemristiveLinearTests
{
    private static MemristiveLinear Build(string json, params long[] shape) =>
        (MemristiveLinear)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[3]"), shape).Module;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [TorchFact]
    public void Forward_IsTheLinearMapOfTheConductanceDifferences()
    {
        random.manual_seed(1);
        var layer = Build("""{"type":"memristive_linear","out":3,"g_min":2,"g_max":50,"weight_range":0.8}""", 4);
        layer.to(float64);
        using var input = rand(5, 2, 4, dtype: float64);
        using var output = layer.call(input);
        Assert.Equal(new long[] { 5, 2, 3 }, output.shape);
        // Recompute from the device states by hand: G = 2 + 48·sigmoid(θ), w = (G⁺ − G⁻)·0.8/48.
        var plus = layer.PositiveState.data<double>().ToArray();
        var minus = layer.NegativeState.data<double>().ToArray();
        var (biasPlus, biasMinus) = layer.BiasStates!.Value;
        var bp = biasPlus.data<double>().ToArray();
        var bm = biasMinus.data<double>().ToArray();
        double Weight(double a, double b) => ((2 + (48 * Sigmoid(a))) - (2 + (48 * Sigmoid(b)))) * 0.8 / 48;
        var x = input.data<double>().ToArray();
        var y = output.data<double>().ToArray();
        for (var row = 0; row < 10; row++)
        {
            for (var o = 0; o < 3; o++)
            {
                var expected = Weight(bp[o], bm[o]);
                for (var i = 0; i < 4; i++) expected += Weight(plus[(o * 4) + i], minus[(o * 4) + i]) * x[(row * 4) + i];
                Assert.Equal(expected, y[(row * 3) + o], 10);
            }
        }
    }

    [TorchFact]
    public void Initialisation_CentresThePairs_AndIsSeeded()
    {
        random.manual_seed(4);
        var first = Build("""{"type":"memristive_linear","out":32}""", 16);
        random.manual_seed(4);
        var second = Build("""{"type":"memristive_linear","out":32}""", 16);
        Assert.Equal(first.PositiveState.data<float>().ToArray(), second.PositiveState.data<float>().ToArray());
        var (gPlus, gMinus) = first.Conductances();
        using var mean = (gPlus + gMinus) / 2;
        // Both devices of a pair sit symmetrically around mid-range (50.5 µS for 1–100 µS) ...
        Assert.All(mean.data<float>().ToArray(), g => Assert.Equal(50.5, g, 3));
        // ... and the weights are spread like nn.Linear's, uniform in ±1/√16.
        using var weight = first.DeployedWeight();
        var w = weight.data<float>().ToArray();
        Assert.All(w, v => Assert.InRange(v, -0.25f - 1e-6f, 0.25f + 1e-6f));
        Assert.True(w.Max() > 0.2 && w.Min() < -0.2, $"weights span [{w.Min()}, {w.Max()}]");
    }

    [TorchFact]
    public void ConductancesStayWithinTheirBounds_WhateverTheOptimiserDoes()
    {
        random.manual_seed(2);
        var layer = Build("""{"type":"memristive_linear","out":6,"g_min":5,"g_max":40,"weight_range":0.5}""", 10);
        using var optimizer = optim.SGD(layer.parameters(), 50.0);
        using var input = rand(3, 8, 10);
        for (var step = 0; step < 30; step++)
        {
            optimizer.zero_grad();
            // Drive every weight towards ±∞: the devices must saturate at their bounds, not pass them.
            using var loss = -(layer.call(input) * (step % 2 == 0 ? 1 : -3)).sum() * 100;
            loss.backward();
            optimizer.step();
        }
        var (gPlus, gMinus) = layer.Conductances();
        foreach (var g in gPlus.data<float>().Concat(gMinus.data<float>()))
            Assert.InRange(g, 5f, 40f);
        using var weight = layer.DeployedWeight();
        Assert.All(weight.data<float>().ToArray(), w => Assert.InRange(w, -0.5f, 0.5f));
        Assert.True(weight.abs().max().item<float>() > 0.45f, "the push should drive some weights near the range");
    }

    [TorchFact]
    public void AStepInTheDeviceState_MovesTheConductanceByTheJoglekarWindow()
    {
        // dG/dθ = (G_max − G_min)·u(1 − u) = (G_max − G_min)·¼·(1 − (2u − 1)²): largest mid-range, vanishing at the bounds.
        var layer = Build("""{"type":"memristive_linear","out":1,"bias":false,"g_min":1,"g_max":11,"weight_range":1}""", 3);
        layer.to(float64);
        using (no_grad()) layer.PositiveState.copy_(tensor(new[] { -4.0, 0.0, 3.0 }).reshape(1, 3));
        using var input = tensor(new[] { 1.0, 1.0, 1.0 }).reshape(1, 1, 3);
        using var output = layer.call(input);
        output.sum().backward();
        var states = new[] { -4.0, 0.0, 3.0 };
        var gradient = layer.PositiveState.grad!.data<double>().ToArray();
        for (var i = 0; i < 3; i++)
        {
            var u = Sigmoid(states[i]);
            var window = 1 - Math.Pow((2 * u) - 1, 2);
            // ∂w/∂θ⁺ = (1/(G_max − G_min))·dG/dθ = ¼·window
            Assert.Equal(0.25 * window, gradient[i], 10);
        }
        Assert.True(gradient[1] > gradient[2] && gradient[2] > gradient[0]);
    }

    [TorchFact]
    public void Levels_PutEveryConductanceOnTheProgrammableGrid_AndGradientsPassStraightThrough()
    {
        random.manual_seed(3);
        var layer = Build("""{"type":"memristive_linear","out":4,"levels":8,"g_min":0,"g_max":70}""", 5);
        var (gPlus, gMinus) = layer.Conductances();
        // 8 levels over 0–70 µS: multiples of 10 µS.
        foreach (var g in gPlus.data<float>().Concat(gMinus.data<float>()))
            Assert.Equal(0, Math.IEEERemainder(g, 10), 3);
        using var input = rand(2, 3, 5);
        using var loss = layer.call(input).sum();
        loss.backward();
        FiniteDifferences.AssertFiniteAndNonZero([("positive_state", layer.PositiveState), ("negative_state", layer.NegativeState)]);
    }

    [TorchFact]
    public void ReadNoise_PerturbsTrainingPassesOnly_WithinTheBounds()
    {
        random.manual_seed(9);
        var layer = Build("""{"type":"memristive_linear","out":4,"read_noise":0.05}""", 6);
        using var input = rand(2, 3, 6);
        layer.train();
        using var a = layer.call(input);
        using var b = layer.call(input);
        Assert.False(a.allclose(b), "two training passes should read different noise");
        layer.eval();
        using var c = layer.call(input);
        using var d = layer.call(input);
        Assert.Equal(c.data<float>().ToArray(), d.data<float>().ToArray());
        Assert.False(a.allclose(c), "the evaluation pass reads the programmed conductances, without noise");
    }

    [TorchFact]
    public void Gradients_MatchFiniteDifferences()
    {
        random.manual_seed(5);
        var layer = Build("""{"type":"memristive_linear","out":3,"g_min":1,"g_max":30,"weight_range":0.7}""", 4);
        layer.to(float64);
        using var input = rand(2, 3, 4, dtype: float64);
        using var target = rand(2, 3, 3, dtype: float64);
        Tensor Loss() => (layer.call(input) - target).pow(2).sum();
        var (bp, bm) = layer.BiasStates!.Value;
        FiniteDifferences.AssertGradientsMatch(Loss,
            [("positive_state", layer.PositiveState), ("negative_state", layer.NegativeState), ("bias_positive_state", bp), ("bias_negative_state", bm)],
            h: 1e-6, tolerance: 1e-6);
    }

    [TorchTheory]
    [InlineData("\"out\":3,\"g_max\":0.5", "model.layers[3].g_max: must be above g_min (1)")]
    [InlineData("\"out\":3,\"levels\":1", "model.layers[3].levels: must be 0 (analog) or at least 2")]
    [InlineData("\"out\":3,\"read_noise\":2", "model.layers[3].read_noise: must be >= 0 and <= 1")]
    [InlineData("\"out\":0", "model.layers[3].out: must be between 1 and")]
    [InlineData("\"weight_range\":0,\"out\":2", "model.layers[3].weight_range: must be > 0")]
    [InlineData("\"out\":3,\"weight_bits\":4", "model.layers[3].weight_bits: unknown key")]
    public void BadKeys_NameTheConfigPath(string keys, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build($$"""{"type":"memristive_linear",{{keys}}}""", 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void AnInputThatIsNotAFeatureVector_IsRefusedNamingTheLayer()
    {
        var error = Assert.Throws<LearningConfigException>(() => Build("""{"type":"memristive_linear","out":3}""", 1, 8, 8));
        Assert.StartsWith("model.layers[3]: memristive_linear needs a sample shape [features]", error.Message, StringComparison.Ordinal);
    }
}

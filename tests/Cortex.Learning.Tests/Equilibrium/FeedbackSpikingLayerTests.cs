using Cortex.Learning.Equilibrium;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Equilibrium;

/// <summary>
/// The feedback SNN trained at equilibrium (Xiao et al. 2021): the average firing rate against the fixed point of the
/// rate equation solved here independently, the implicit gradient against finite differences of that fixed point,
/// shapes, the BPTT variant, the memory its graph keeps, the config and a seeded training run.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class FeedbackSpikingLayerTests
{
    private static FeedbackSpikingLayer Build(string json, params long[] shape) =>
        (FeedbackSpikingLayer)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), shape).Module;

    /// <summary>a* = clamp((W·a* + F·x̄ + b) / θ, 0, 1) by plain fixed-point iteration in double arrays, one sample.</summary>
    private static double[] FixedPoint(double[,] w, double[,] f, double[] b, double[] x, double threshold)
    {
        var n = b.Length;
        var a = new double[n];
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
            {
                var pre = b[i];
                for (var j = 0; j < n; j++) pre += w[i, j] * a[j];
                for (var k = 0; k < x.Length; k++) pre += f[i, k] * x[k];
                next[i] = Math.Clamp(pre / threshold, 0, 1);
            }
            a = next;
        }
        return a;
    }

    private static double[,] Matrix(Tensor t)
    {
        var rows = (int)t.shape[0];
        var columns = (int)t.shape[1];
        var values = t.to(float64).data<double>().ToArray();
        var result = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) result[r, c] = values[(r * columns) + c];
        }
        return result;
    }

    [TorchFact]
    public void Output_IsTheAverageFiringRate_RepeatedOverTime()
    {
        random.manual_seed(3);
        var layer = Build("""{"type":"feedback_snn","out":5}""", 4);
        using var input = rand(12, 3, 4);
        using var output = layer.call(input);
        Assert.Equal(new long[] { 12, 3, 5 }, output.shape);
        using var first = output[0];
        for (var t = 1; t < 12; t++)
        {
            using var step = output[t];
            Assert.True(step.eq(first).all().item<bool>(), $"step {t} differs from step 0");
        }
        // A rate of spikes over 12 steps: k / 12 for a whole number k in 0..12.
        Assert.All(first.data<float>().ToArray(), r => Assert.Equal(Math.Round(r * 12), r * 12, 4));
    }

    [TorchFact]
    public void AverageFiringRate_ConvergesToTheFixedPointOfTheRateEquation()
    {
        random.manual_seed(4);
        var layer = Build("""{"type":"feedback_snn","out":8,"feedback_scale":0.6}""", 5);
        using var x = rand(1, 5);
        double MaxError(int steps)
        {
            using var input = x.unsqueeze(0).expand(steps, 1, 5);
            using var output = layer.call(input);
            var rate = output[0, 0].to(float64).data<double>().ToArray();
            var expected = FixedPoint(Matrix(layer.Feedback), Matrix(layer.Feedforward), layer.Bias.to(float64).data<double>().ToArray(),
                x[0].to(float64).data<double>().ToArray(), 1);
            return rate.Zip(expected, (r, e) => Math.Abs(r - e)).Max();
        }
        // IDE, Theorem 1: a[T] → a* as T grows; the error of a count over T steps shrinks like 1/T.
        var coarse = MaxError(20);
        var fine = MaxError(400);
        Assert.True(fine < 0.03, $"|a[400] − a*| = {fine}");
        Assert.True(fine < coarse, $"the error did not shrink: T = 20 {coarse}, T = 400 {fine}");
    }

    [TorchFact]
    public void ImplicitGradient_MatchesFiniteDifferencesOfTheEquilibrium()
    {
        random.manual_seed(5);
        var layer = Build("""{"type":"feedback_snn","out":6,"feedback_scale":0.8,"backward_iterations":500,"backward_tolerance":1e-14}""", 4);
        layer.to(float64);
        using var x = rand(3, 4, dtype: float64) * 1.5;
        using var weights = randn(3, 6, dtype: float64);

        // The exact equilibrium of the current parameters, solved without autograd (independent of the layer's own code).
        // The scalars are made once and held to the end: TorchSharp reads a temporary Scalar's handle and lets it go
        // before the native call returns, so under the garbage of thousands of iterations its finalizer can free it
        // mid-call ("Unknown scalar type"); each iteration's tensors are freed at once for the same reason.
        using Scalar threshold = layer.Threshold, zero = 0.0, one = 1.0;
        Tensor Equilibrium()
        {
            using var guard = no_grad();
            var a = zeros(3, 6, dtype: float64);
            for (var i = 0; i < 3000; i++)
            {
                using var scope = NewDisposeScope();
                var next = ((a.matmul(layer.Feedback.t()) + x.matmul(layer.Feedforward.t()) + layer.Bias) / threshold).clamp(zero, one);
                a.Dispose();
                a = next.MoveToOuterDisposeScope();
            }
            return a;
        }
        Tensor Loss() => (layer.EquilibriumOutput(Equilibrium(), x) * weights).sum();

        using (no_grad())
        {
            using var a = Equilibrium();
            using var active = a.gt(1e-3).logical_and(a.lt(1 - 1e-3));
            // The check is only meaningful with neurons on the linear part of the rate function (0 < a < 1).
            Assert.True(active.sum().item<long>() >= 6, "too few neurons inside (0, 1)");
        }
        FiniteDifferences.AssertGradientsMatch(Loss, [("feedforward", layer.Feedforward), ("bias", layer.Bias), ("feedback", layer.Feedback)],
            h: 1e-6, tolerance: 1e-5);
        Assert.True(layer.LastAdjointChange <= 1e-14, $"the adjoint solve stopped at a relative change of {layer.LastAdjointChange}");
    }

    [TorchFact]
    public void ImplicitGradient_WithOneIteration_IsTheTruncatedNeumannSeries()
    {
        // One iteration of u ← g + Jᵀu from u = g gives u = g + Jᵀg: checked against J written out by hand.
        random.manual_seed(6);
        var layer = Build("""{"type":"feedback_snn","out":3,"backward_iterations":1}""", 2);
        layer.to(float64);
        using var a = tensor(new[] { 0.2, 0.5, 0.7 }, float64).reshape(1, 3);
        using var x = tensor(new[] { 0.3, 0.9 }, float64).reshape(1, 2);
        using var g = tensor(new[] { 1.0, -2.0, 0.5 }, float64).reshape(1, 3);
        using var loss = (layer.EquilibriumOutput(a, x) * g).sum();
        // The adjoint reaches the bias directly: dL/db = u ⊙ slope.
        loss.backward();
        var w = Matrix(layer.Feedback);
        var pre = new double[3];
        var f = Matrix(layer.Feedforward);
        var bias = layer.Bias.data<double>().ToArray();
        var gs = g.data<double>().ToArray();
        var av = a.data<double>().ToArray();
        var xv = x.data<double>().ToArray();
        for (var i = 0; i < 3; i++)
            pre[i] = bias[i] + (w[i, 0] * av[0]) + (w[i, 1] * av[1]) + (w[i, 2] * av[2]) + (f[i, 0] * xv[0]) + (f[i, 1] * xv[1]);
        var slope = pre.Select(p => p > 0 && p < 1 ? 1.0 : 0.0).ToArray();
        var u = new double[3];
        for (var j = 0; j < 3; j++)
        {
            u[j] = gs[j];
            for (var i = 0; i < 3; i++) u[j] += w[i, j] * slope[i] * gs[i];
        }
        var expected = u.Select((v, i) => v * slope[i]).ToArray();
        Assert.Equal(expected, layer.Bias.grad!.data<double>().ToArray(), (p, q) => Math.Abs(p - q) < 1e-12);
    }

    [TorchFact]
    public void Bptt_GivesTheSameForward_AndKeepsAGraphThatGrowsWithTime()
    {
        random.manual_seed(7);
        var implicitLayer = Build("""{"type":"feedback_snn","out":6}""", 4);
        random.manual_seed(7);
        var bpttLayer = Build("""{"type":"feedback_snn","out":6,"gradient":"bptt"}""", 4);
        using var input = rand(10, 2, 4);
        using var a = implicitLayer.call(input);
        using var b = bpttLayer.call(input);
        Assert.True(a.eq(b).all().item<bool>(), "the two gradients must not change the forward pass");
        using var loss = b.sum();
        loss.backward();
        FiniteDifferences.AssertFiniteAndNonZero([("feedforward", bpttLayer.Feedforward), ("feedback", bpttLayer.Feedback)]);
        Assert.Equal(implicitLayer.SavedValuesPerSample(10), implicitLayer.SavedValuesPerSample(1000));
        Assert.Equal(100 * bpttLayer.SavedValuesPerSample(10), bpttLayer.SavedValuesPerSample(1000));
    }

    [TorchTheory]
    [InlineData("""{"type":"feedback_snn","out":4,"gradient":"adjoint"}""", "model.layers[1].gradient")]
    [InlineData("""{"type":"feedback_snn","out":0}""", "model.layers[1].out")]
    [InlineData("""{"type":"feedback_snn"}""", "model.layers[1].out")]
    [InlineData("""{"type":"feedback_snn","out":4,"surrogate":"arctan"}""", "model.layers[1].surrogate")]
    [InlineData("""{"type":"feedback_snn","out":4,"threshold":-1}""", "model.layers[1].threshold")]
    [InlineData("""{"type":"feedback_snn","out":4,"backward_iterations":0}""", "model.layers[1].backward_iterations")]
    [InlineData("""{"type":"feedback_snn","out":4,"tau":2}""", "model.layers[1]")]
    public void BadConfig_NamesItsPath(string json, string path)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 4));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void NonFlatInput_IsRefused_NamingTheLayer()
    {
        var error = Assert.Throws<LearningConfigException>(() => Build("""{"type":"feedback_snn","out":4}""", 1, 8, 8));
        Assert.StartsWith("model.layers[1]: feedback_snn needs a sample shape [features]", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Training_LearnsTheProblem_AndIsDeterministic()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"feedback_snn","out":16},{"type":"linear","out":3}]""", epochs: 4, steps: 10), "equilibrium");
        (double Accuracy, Dictionary<string, float[]> Weights) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            var layer = (FeedbackSpikingLayer)trainer.Network.Layers[0].Module;
            Assert.InRange(layer.LastAdjointIterations, 1, 30);
            return (accuracy, TrainingFixtures.Snapshot(trainer.Network));
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.9, $"test accuracy {first.Accuracy}");
        Assert.Equal(first.Weights.Keys, second.Weights.Keys);
        foreach (var (name, values) in first.Weights) Assert.Equal(values, second.Weights[name]);
    }
}

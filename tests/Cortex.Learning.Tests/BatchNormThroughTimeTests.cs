using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

[Collection(TorchGlobalState.Name)]
public class BatchNormThroughTimeTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[2]"), inputShape);

    /// <summary>[3, 32, 2, 4, 4] whose step t has mean 10·t and standard deviation t + 1.</summary>
    private static Tensor StepDependentImages()
    {
        manual_seed(11);
        using var noise = randn(new long[] { 3, 32, 2, 4, 4 });
        using var step = arange(3, dtype: float32).view(3, 1, 1, 1, 1);
        return noise * (step + 1) + step * 10;
    }

    [TorchFact]
    public void NormalisesEachStepWithItsOwnStatisticsAndGamma()
    {
        var layer = (BatchNormThroughTime)Build("""{"type": "bntt", "steps": 3}""", 2, 4, 4).Module;
        using (no_grad()) layer.Weight.copy_(tensor(new float[] { 1, 1, 2, 2, 3, 3 }).view(3, 2));
        using var input = StepDependentImages();
        using var output = layer.call(input);
        Assert.Equal(input.shape, output.shape);
        // Per (step, channel) over batch and space: mean 0 (no β in BNTT) and std γ_t = 1, 2, 3.
        var mean = output.mean([1, 3, 4]).data<float>().ToArray();
        var std = output.std([1, 3, 4], unbiased: false).data<float>().ToArray();
        Assert.All(mean, m => Assert.True(Math.Abs(m) < 1e-4, $"mean {m}"));
        Assert.Equal([1f, 1f, 2f, 2f, 3f, 3f], std, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [TorchFact]
    public void KeepsRunningStatisticsPerStep()
    {
        var layer = (BatchNormThroughTime)Build("""{"type": "bntt", "steps": 3, "momentum": 1}""", 2, 4, 4).Module;
        using var input = StepDependentImages();
        using (layer.call(input)) { }
        // With momentum 1 each step's running mean is that step's batch mean: ≈ 0, 10, 20 (σ/√512 ≈ 0.13 at most).
        var runningMean = layer.RunningMean.data<float>().ToArray();
        Assert.Equal([0f, 0f, 10f, 10f, 20f, 20f], runningMean, (a, b) => Math.Abs(a - b) < 0.5);
        using var expected = input.mean([1, 3, 4]);
        Assert.True(layer.RunningMean.allclose(expected, rtol: 1e-4, atol: 1e-4));
        Assert.True(layer.RunningVar[2, 0].item<float>() > 4 * layer.RunningVar[0, 0].item<float>());
    }

    [TorchFact]
    public void RejectsAnInputWithAnotherNumberOfSteps()
    {
        var layer = Build("""{"type": "bntt", "steps": 4}""", 2, 4, 4).Module;
        var error = Assert.Throws<ArgumentException>(() => layer.call(StepDependentImages()));
        Assert.StartsWith("model.layers[2]: the input has 3 time steps, but the layer was built for steps = 4", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void WorksOnFeatureVectorsWithBiasAndGradientsReachAllParameters()
    {
        var built = Build("""{"type": "bntt", "steps": 2, "bias": true}""", 5);
        built.Module.to(float64);
        using var input = randn(2, 8, 5, dtype: float64);
        using (var output = built.Module.call(input)) Assert.Equal([2L, 8L, .. built.OutputShape], output.shape);
        var parameters = built.Module.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        Assert.Equal(2, parameters.Count);
        // Normalisation is smooth: the gradients are the loss's finite differences, not merely present.
        FiniteDifferences.AssertGradientsMatch(() => built.Module.call(input).pow(3).sum(), parameters);
    }

    [TorchTheory]
    [InlineData("""{"type": "bntt"}""", "model.layers[2].steps: is required")]
    [InlineData("""{"type": "bntt", "steps": 0}""", "model.layers[2].steps: must be >= 1, got 0")]
    [InlineData("""{"type": "bntt", "steps": 4, "eps": 0}""", "model.layers[2].eps: must be > 0, got 0")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 2, 4, 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

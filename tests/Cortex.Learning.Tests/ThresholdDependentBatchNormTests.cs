using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

[Collection(TorchGlobalState.Name)]
public class ThresholdDependentBatchNormTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    /// <summary>[T, B, 3, H, W] with per-channel means 2, −1, 5 and standard deviations 3, 0.5, 1.</summary>
    private static Tensor ShiftedImages(long steps, long batch, long size)
    {
        manual_seed(7);
        using var noise = randn(new[] { steps, batch, 3L, size, size });
        using var std = tensor(new float[] { 3, 0.5f, 1 }).view(1, 1, 3, 1, 1);
        using var mean = tensor(new float[] { 2, -1, 5 }).view(1, 1, 3, 1, 1);
        return noise * std + mean;
    }

    [TorchFact]
    public void TrainingOutputHasMeanBetaAndStdAlphaThresholdGammaPerChannel()
    {
        var layer = (ThresholdDependentBatchNorm)Build("""{"type": "tdbn", "alpha": 0.5, "threshold": 2}""", 3, 6, 6).Module;
        using (no_grad())
        {
            layer.Weight.copy_(tensor(new float[] { 0.5f, 1, 2 }));
            layer.Bias.copy_(tensor(new float[] { -1, 0, 3 }));
        }
        using var input = ShiftedImages(4, 8, 6);
        using var output = layer.call(input);
        // Statistics over (T, B, H, W) per channel: mean β, (biased) std α·V_th·γ = 0.5, 1, 2.
        var mean = output.mean([0, 1, 3, 4]).data<float>().ToArray();
        var std = output.std([0, 1, 3, 4], unbiased: false).data<float>().ToArray();
        Assert.Equal([-1f, 0f, 3f], mean, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal([0.5f, 1f, 2f], std, (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [TorchFact]
    public void NormalisesOverTimeJointlySoPerStepDifferencesSurvive()
    {
        var layer = Build("""{"type": "tdbn"}""", 2).Module;
        // Step t has mean t: the joint statistics remove the overall mean (1.5), not each step's.
        using var steps = arange(4, dtype: float32).view(4, 1, 1);
        using var input = randn(4, 64, 2) * 0.1 + steps;
        using var output = layer.call(input);
        var perStep = output.mean([1, 2]).data<float>().ToArray();
        Assert.True(perStep[0] < -1 && perStep[3] > 1, $"per-step means {string.Join(", ", perStep)}");
        Assert.True(Math.Abs(output.mean().item<float>()) < 1e-4);
    }

    [TorchFact]
    public void RunningStatisticsFollowTheBatchAndDriveEvaluation()
    {
        var layer = (ThresholdDependentBatchNorm)Build("""{"type": "tdbn", "momentum": 1, "alpha": 2}""", 3, 4, 4).Module;
        using var input = ShiftedImages(3, 5, 4);
        using (layer.call(input)) { }
        // With momentum 1 the running statistics are the last batch's: mean and unbiased variance per channel.
        using var values = input.transpose(0, 2).reshape(3, -1);
        Assert.True(layer.RunningMean.allclose(values.mean([1]), rtol: 1e-4, atol: 1e-5));
        Assert.True(layer.RunningVar.allclose(values.var(1, unbiased: true), rtol: 1e-4));

        layer.eval();
        using var evaluated = layer.call(input);
        var (scale, shift) = layer.FoldedAffine();
        using var folded = input * scale.view(1, 1, 3, 1, 1) + shift.view(1, 1, 3, 1, 1);
        Assert.True(evaluated.allclose(folded, rtol: 1e-4, atol: 1e-4));
        // α·V_th·γ/√(σ² + ε) with α = 2: channel 0 has σ² ≈ 9, so its scale is ≈ 2/3.
        Assert.InRange(scale[0].item<float>(), 0.55f, 0.8f);
    }

    [TorchFact]
    public void WorksAfterALinearLayerAndKeepsTheShape()
    {
        var built = Build("""{"type": "tdbn"}""", 10);
        using var output = built.Module.call(randn(3, 4, 10));
        Assert.Equal([10L], built.OutputShape);
        Assert.Equal([3L, 4L, .. built.OutputShape], output.shape);
    }

    [TorchFact]
    public void GradientsReachGammaAndBeta()
    {
        var layer = (ThresholdDependentBatchNorm)Build("""{"type": "tdbn"}""", 3, 4, 4).Module;
        layer.to(float64);
        using var input = ShiftedImages(2, 4, 4).to(float64);
        // Normalisation is smooth: the gradients are the loss's finite differences, not merely present.
        FiniteDifferences.AssertGradientsMatch(() => layer.call(input).pow(3).sum(), [("weight", layer.Weight), ("bias", layer.Bias)]);
    }

    [TorchTheory]
    [InlineData("""{"type": "tdbn", "alpha": 0}""", "model.layers[1].alpha: must be > 0, got 0")]
    [InlineData("""{"type": "tdbn", "momentum": 1.5}""", "model.layers[1].momentum: must be >= 0 and <= 1, got 1.5")]
    [InlineData("""{"type": "tdbn", "threshold": "high"}""", "model.layers[1].threshold: expected a number")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 3, 4, 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

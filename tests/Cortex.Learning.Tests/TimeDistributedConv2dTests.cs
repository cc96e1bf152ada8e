using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public class TimeDistributedConv2dTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    [TorchTheory]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": 3}""", 3L, 6L, 6L)]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": 3, "stride": 2, "padding": 1}""", 3L, 4L, 4L)]
    [InlineData("""{"type": "conv2d", "channels": 5, "kernel": [3, 1], "stride": [1, 2]}""", 5L, 6L, 4L)]
    public void OutputShapeIsWhatTheFactoryPredictsAndMatchesTheConvolutionFormula(string json, long c, long h, long w)
    {
        var built = Build(json, 2, 8, 8);
        using var output = built.Module.call(randn(new long[] { 3, 2, 2, 8, 8 }));
        Assert.Equal([c, h, w], built.OutputShape);
        Assert.Equal([3L, 2L, .. built.OutputShape], output.shape);
    }

    [TorchFact]
    public void EqualsTheConvolutionAppliedAtEveryStep()
    {
        var layer = (TimeDistributedConv2d)Build("""{"type": "conv2d", "out": 4, "kernel": 3, "stride": 2, "padding": 1}""", 2, 7, 7).Module;
        using var input = randn(new long[] { 3, 2, 2, 7, 7 });
        using var output = layer.call(input);
        for (var t = 0; t < 3; t++)
        {
            using var expected = nn.functional.conv2d(input[t], layer.Weight, layer.Bias, [2, 2], [1, 1]);
            Assert.True(output[t].allclose(expected, rtol: 1e-5, atol: 1e-6), $"step {t} differs");
        }
    }

    [TorchFact]
    public void AOnesKernelSumsEachWindow()
    {
        var layer = (TimeDistributedConv2d)Build("""{"type": "conv2d", "out": 1, "kernel": 2, "bias": false}""", 1, 3, 3).Module;
        using (no_grad()) layer.Weight.fill_(1);
        // 1..9 in a 3x3 image: the 2x2 window sums are 1+2+4+5 = 12, 16, 24, 28.
        using var input = arange(1, 10, dtype: float32).reshape(1, 1, 1, 3, 3);
        using var output = layer.call(input);
        Assert.Equal([12f, 16f, 24f, 28f], output.data<float>().ToArray());
        Assert.Equal([1L, 1L, 2L, 2L], layer.Weight.shape);
    }

    [TorchFact]
    public void GradientsReachWeightAndBias()
    {
        var layer = (TimeDistributedConv2d)Build("""{"type": "conv2d", "out": 2, "kernel": 3}""", 1, 5, 5).Module;
        using var input = rand(new long[] { 2, 3, 1, 5, 5 });
        using var loss = layer.call(input).square().sum();
        loss.backward();
        Assert.All(layer.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [TorchTheory]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": 0}""", "model.layers[1].kernel: must be >= 1, got 0")]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": [3, 0]}""", "model.layers[1].kernel[1]: must be >= 1, got 0")]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": [3]}""", "model.layers[1].kernel: expected one number or [height, width]")]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": 9}""", "model.layers[1].kernel: 9 does not fit the input 8x8")]
    [InlineData("""{"type": "conv2d", "out": 3, "kernel": 3, "padding": -1}""", "model.layers[1].padding: must be >= 0, got -1")]
    [InlineData("""{"type": "conv2d", "out": 3, "channels": 3, "kernel": 3}""", "model.layers[1].channels: give either out or channels")]
    [InlineData("""{"type": "conv2d", "kernel": 3}""", "model.layers[1].out: is required")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 2, 8, 8));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void RejectsAFeatureVectorInput()
    {
        var error = Assert.Throws<LearningConfigException>(() => Build("""{"type": "conv2d", "out": 3, "kernel": 3}""", 784));
        Assert.Equal("model.layers[1]: conv2d needs a sample shape [C, H, W], got [784]", error.Message);
    }
}

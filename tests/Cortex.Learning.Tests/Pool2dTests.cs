using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public class Pool2dTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    // 1..16 in a 4x4 image; its 2x2 windows (stride 2) hold {1,2,5,6}, {3,4,7,8}, {9,10,13,14}, {11,12,15,16}.
    private static Tensor Image() => arange(1, 17, dtype: float32).reshape(1, 1, 1, 4, 4);

    [TorchTheory]
    [InlineData("sumpool", new[] { 14f, 22f, 46f, 54f })]
    [InlineData("avgpool", new[] { 3.5f, 5.5f, 11.5f, 13.5f })]
    [InlineData("maxpool", new[] { 6f, 8f, 14f, 16f })]
    public void ReducesEachWindowAndStrideDefaultsToTheKernel(string type, float[] expected)
    {
        var built = Build($$"""{"type": "{{type}}", "kernel": 2}""", 1, 4, 4);
        using var input = Image();
        using var output = built.Module.call(input);
        Assert.Equal([1L, 2L, 2L], built.OutputShape);
        Assert.Equal([1L, 1L, .. built.OutputShape], output.shape);
        Assert.Equal(expected, output.data<float>().ToArray());
    }

    [TorchFact]
    public void SumPoolCountsPaddingAsZeros()
    {
        var built = Build("""{"type": "sumpool", "kernel": 3, "stride": 3, "padding": 1}""", 1, 4, 4);
        using var input = Image();
        using var output = built.Module.call(input);
        // Windows over the zero-padded 6x6 image cover rows/columns {-1, 0, 1} and {2, 3, 4}:
        // 1+2+5+6 = 14, 3+4+7+8 = 22, 9+10+13+14 = 46, 11+12+15+16 = 54.
        Assert.Equal([14f, 22f, 46f, 54f], output.data<float>().ToArray());
    }

    [TorchFact]
    public void SumPoolExposesItsHyperparametersForExport()
    {
        var pool = (SumPool2d)Build("""{"type": "sumpool", "kernel": [2, 3], "stride": 1, "padding": [1, 1]}""", 2, 5, 5).Module;
        Assert.Equal(new SpatialPair(2, 3), pool.Kernel);
        Assert.Equal(SpatialPair.Square(1), pool.Stride);
        Assert.Equal(SpatialPair.Square(1), pool.Padding);
    }

    [TorchTheory]
    [InlineData("""{"type": "maxpool", "kernel": 3, "stride": 2, "padding": 1}""", 3L, 4L, 4L)]
    [InlineData("""{"type": "avgpool", "kernel": [2, 1]}""", 3L, 3L, 7L)]
    [InlineData("""{"type": "sumpool", "kernel": 3, "stride": 1, "padding": 1}""", 3L, 7L, 7L)]
    public void OutputShapeIsWhatTheFactoryPredicts(string json, long c, long h, long w)
    {
        var built = Build(json, 3, 7, 7);
        using var output = built.Module.call(rand(new long[] { 2, 2, 3, 7, 7 }));
        Assert.Equal([c, h, w], built.OutputShape);
        Assert.Equal([2L, 2L, .. built.OutputShape], output.shape);
    }

    [TorchTheory]
    [InlineData("sumpool")]
    [InlineData("avgpool")]
    [InlineData("maxpool")]
    public void GradientsFlowToTheInput(string type)
    {
        var built = Build($$"""{"type": "{{type}}", "kernel": 2}""", 1, 4, 4);
        using var input = rand(new long[] { 2, 1, 1, 4, 4 }).requires_grad_();
        using var loss = built.Module.call(input).sum();
        loss.backward();
        Assert.NotNull(input.grad);
        Assert.True(input.grad!.sum().item<float>() > 0);
    }

    [TorchTheory]
    [InlineData("""{"type": "sumpool", "kernel": 0}""", "model.layers[1].kernel: must be >= 1, got 0")]
    [InlineData("""{"type": "sumpool"}""", "model.layers[1].kernel: is required")]
    [InlineData("""{"type": "avgpool", "kernel": 2, "padding": 2}""", "model.layers[1].padding: must be at most half the kernel (2), got 2")]
    [InlineData("""{"type": "maxpool", "kernel": 2, "stride": 0}""", "model.layers[1].stride: must be >= 1, got 0")]
    [InlineData("""{"type": "maxpool", "kernel": 5}""", "model.layers[1].kernel: 5 does not fit the input 4x4")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 1, 4, 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public class FlattenTests
{
    private static BuiltLayer Build(params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse("""{"type": "flatten"}""", "model.layers[3]"), inputShape);

    [TorchFact]
    public void FlattensEachSampleInCOrderKeepingTimeAndBatch()
    {
        var built = Build(2, 3, 4);
        using var input = randn(new long[] { 5, 2, 2, 3, 4 });
        using var output = built.Module.call(input);
        Assert.Equal([24L], built.OutputShape);
        Assert.Equal([5L, 2L, 24L], output.shape);
        // C-order: feature c·12 + h·4 + w holds x[c, h, w].
        Assert.Equal(input[4, 1, 1, 2, 3].item<float>(), output[4, 1, 12 + 8 + 3].item<float>());
    }

    [TorchFact]
    public void GradientsFlowToTheInput()
    {
        using var input = rand(new long[] { 2, 2, 3, 2, 2 }).requires_grad_();
        using var loss = Build(3, 2, 2).Module.call(input).sum();
        loss.backward();
        Assert.Equal(48f, input.grad!.sum().item<float>());  // d(sum)/dx = 1 for each of the 48 elements
    }

    [TorchFact]
    public void RejectsUnknownKeysByPath()
    {
        var error = Assert.Throws<LearningConfigException>(() =>
            LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse("""{"type": "flatten", "dims": 2}""", "model.layers[3]"), [2L, 2L]));
        Assert.StartsWith("model.layers[3].dims: unknown key", error.Message, StringComparison.Ordinal);
    }
}

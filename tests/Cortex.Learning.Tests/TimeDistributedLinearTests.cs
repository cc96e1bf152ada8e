using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public class TimeDistributedLinearTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    [TorchFact]
    public void OutputShapeIsWhatTheFactoryPredicts()
    {
        var built = Build("""{"type": "linear", "out": 7}""", 5);
        using var output = built.Module.call(randn(3, 4, 5));
        Assert.Equal([7L], built.OutputShape);
        Assert.Equal([3L, 4L, .. built.OutputShape], output.shape);
    }

    [TorchFact]
    public void EqualsTheLinearMapAppliedAtEveryStep()
    {
        var layer = (TimeDistributedLinear)Build("""{"type": "linear", "out": 6}""", 5).Module;
        using var input = randn(4, 3, 5);
        using var output = layer.call(input);
        for (var t = 0; t < 4; t++)
        {
            using var expected = input[t].matmul(layer.Weight.t()) + layer.Bias!;
            Assert.True(output[t].allclose(expected, rtol: 1e-5, atol: 1e-6), $"step {t} differs");
        }
    }

    [TorchFact]
    public void ComputesWxPlusBWithTheWeightInOutByInLayout()
    {
        var layer = (TimeDistributedLinear)Build("""{"type": "linear", "out": 2}""", 2).Module;
        using (no_grad())
        {
            layer.Weight.copy_(tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2));
            layer.Bias!.copy_(tensor(new float[] { 0.5f, -1 }));
        }
        // x = (1, 1) at t=0 and (0, 2) at t=1: W·x + b = (3.5, 6) and (4.5, 7).
        using var input = tensor(new float[] { 1, 1, 0, 2 }).reshape(2, 1, 2);
        using var output = layer.call(input);
        Assert.Equal([3.5f, 6f, 4.5f, 7f], output.data<float>().ToArray());
    }

    [TorchFact]
    public void GradientsReachWeightAndBias()
    {
        var layer = (TimeDistributedLinear)Build("""{"type": "linear", "out": 3}""", 4).Module;
        using var input = rand(2, 5, 4);
        using var loss = layer.call(input).sum();
        loss.backward();
        // d(sum)/dW[i, j] = Σ_{t,b} x[t, b, j] for every output i; d(sum)/db[i] = T·B.
        using var expected = input.sum([0, 1]).expand(3, 4);
        Assert.True(layer.Weight.grad!.allclose(expected, rtol: 1e-5));
        Assert.All(layer.Bias!.grad!.data<float>().ToArray(), g => Assert.Equal(10f, g));
    }

    [TorchFact]
    public void ATimeConstantInputGivesTheSameValuesAndGradientsAsItsCopy()
    {
        // A direct encoding repeats the image without copying (stride 0 along time); the layer maps it once.
        var layer = (TimeDistributedLinear)Build("""{"type": "linear", "out": 6}""", 5).Module;
        using var image = randn(3, 5);
        using var repeated = image.unsqueeze(0).expand(4, -1, -1);
        using var copied = repeated.contiguous();
        using var weights = randn(4, 3, 6);   // a different weight per step, so the loss depends on every step

        using var fromRepeated = layer.call(repeated);
        using (var loss = (fromRepeated * weights).sum()) loss.backward();
        using var gradFromRepeated = layer.Weight.grad!.clone();
        layer.zero_grad();
        using var fromCopy = layer.call(copied);
        using (var loss = (fromCopy * weights).sum()) loss.backward();

        Assert.Equal([4L, 3L, 6L], fromRepeated.shape);
        Assert.True(fromRepeated.allclose(fromCopy, rtol: 1e-5, atol: 1e-6));
        Assert.True(gradFromRepeated.allclose(layer.Weight.grad!, rtol: 1e-4, atol: 1e-5));
    }

    [TorchFact]
    public void WithoutBiasHasOnlyTheWeight()
    {
        var layer = (TimeDistributedLinear)Build("""{"type": "linear", "out": 3, "bias": false}""", 4).Module;
        Assert.Null(layer.Bias);
        Assert.Single(layer.parameters());
    }

    [TorchTheory]
    [InlineData("""{"type": "linear", "out": 0}""", "model.layers[1].out: must be >= 1, got 0")]
    [InlineData("""{"type": "linear"}""", "model.layers[1].out: is required")]
    [InlineData("""{"type": "linear", "out": 3, "outs": 4}""", "model.layers[1].outs: unknown key")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void RejectsAnImageInputAndSaysToFlatten()
    {
        var error = Assert.Throws<LearningConfigException>(() => Build("""{"type": "linear", "out": 3}""", 1, 28, 28));
        Assert.StartsWith("model.layers[1]: linear needs a sample shape [features]", error.Message, StringComparison.Ordinal);
        Assert.Contains("flatten", error.Message, StringComparison.Ordinal);
    }
}

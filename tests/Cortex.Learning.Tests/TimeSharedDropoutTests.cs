using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

[Collection(TorchGlobalState.Name)]
public class TimeSharedDropoutTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    [TorchFact]
    public void EachSampleKeepsOneMaskForAllSteps()
    {
        var built = Build("""{"type": "dropout", "p": 0.3}""", 50);
        using var input = ones(6, 4, 50);
        using var output = built.Module.call(input);
        Assert.Equal([6L, 4L, .. built.OutputShape], output.shape);
        for (var t = 1; t < 6; t++) Assert.True(output[t].eq(output[0]).all().item<bool>(), $"step {t} has another mask");
        // Kept units are scaled by 1/(1 − p), dropped ones are 0; samples draw their own masks.
        Assert.All(output.data<float>().ToArray(), v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7f) < 1e-5, $"value {v}"));
        Assert.False(output[0, 0].eq(output[0, 1]).all().item<bool>());
    }

    [TorchFact]
    public void DropsAboutAFractionP()
    {
        manual_seed(3);
        var built = Build("""{"type": "dropout", "p": 0.3}""", 1000);
        using var output = built.Module.call(ones(2, 20, 1000));
        // 20,000 Bernoulli(0.3) draws: standard error ≈ 0.0032, so ±0.02 is over 6 σ.
        var dropped = output[0].eq(0).to_type(float32).mean().item<float>();
        Assert.InRange(dropped, 0.28f, 0.32f);
    }

    [TorchFact]
    public void IsTheIdentityInEvaluation()
    {
        var module = Build("""{"type": "dropout", "p": 0.5}""", 8).Module;
        module.eval();
        using var input = randn(3, 4, 8);
        using var output = module.call(input);
        Assert.True(output.eq(input).all().item<bool>());
    }

    [TorchFact]
    public void GradientIsTheMaskAtEveryStep()
    {
        var layer = (TimeSharedDropout)Build("""{"type": "dropout", "p": 0.5}""", 2, 3, 3).Module;
        using var input = rand(new long[] { 4, 5, 2, 3, 3 }).requires_grad_();
        using var loss = layer.call(input).sum();
        loss.backward();
        using var expected = layer.LastMask!.expand(4, -1, -1, -1, -1);
        Assert.True(input.grad!.allclose(expected));
    }

    [TorchTheory]
    [InlineData("""{"type": "dropout", "p": 1}""", "model.layers[1].p: must be < 1 (p = 1 would drop every unit), got 1")]
    [InlineData("""{"type": "dropout", "p": -0.1}""", "model.layers[1].p: must be >= 0 and <= 1, got -0.1")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 8));
        Assert.Equal(message, error.Message);
    }
}

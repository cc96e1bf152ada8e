using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sequences;

/// <summary>The <c>last_step</c> readout: the last step, or a leaky integrator stepped here and read after the last step.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class LastStepTests
{
    private static LastStep Build(string json, params long[] inputShape) =>
        (LastStep)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape).Module;

    [TorchFact]
    public void WithoutTau_KeepsTheLastStep()
    {
        random.manual_seed(1);
        using var input = randn(6, 3, 2, 2);
        using var output = Build("""{"type":"last_step"}""", 2, 2).call(input);
        Assert.Equal(new long[] { 1, 3, 2, 2 }, output.shape);
        Assert.Equal(input[5].data<float>().ToArray(), output[0].data<float>().ToArray());
    }

    [TorchFact]
    public void WithTau_IsALeakyIntegratorReadAfterTheLastStep_AndPassesGradientsToEveryStep()
    {
        random.manual_seed(2);
        using var input = randn(7, 2, 3, dtype: float64).requires_grad_();
        var layer = Build("""{"type":"last_step","tau":3}""", 3);
        using var output = layer.call(input);
        Assert.Equal(new long[] { 1, 2, 3 }, output.shape);
        var x = input.detach().data<double>().ToArray();
        var d = Math.Exp(-1.0 / 3);
        var y = new double[6];
        for (var t = 0; t < 7; t++)
        {
            for (var i = 0; i < 6; i++) y[i] = (d * y[i]) + ((1 - d) * x[(t * 6) + i]);
        }
        Assert.Equal(y, output.detach().data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        FiniteDifferences.AssertGradientsMatch(() => layer.call(input).pow(2).sum(), [("input", input)], elementsPerParameter: 42);
    }

    [TorchFact]
    public void NegativeTau_NamesItsPath()
    {
        Assert.Equal("model.layers[1].tau: must be >= 0, got -1",
            Assert.Throws<LearningConfigException>(() => Build("""{"type":"last_step","tau":-1}""", 3)).Message);
    }
}

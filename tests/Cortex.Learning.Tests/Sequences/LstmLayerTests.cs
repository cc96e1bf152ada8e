using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sequences;

/// <summary>
/// The <c>lstm</c> baseline layer: shapes, the parameter count formula, the output against the LSTM equations
/// written out here (PyTorch's gate order i, f, g, o), finite-difference gradients and seeded determinism.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class LstmLayerTests
{
    private static LstmLayer Build(string json, params long[] inputShape) =>
        (LstmLayer)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[0]"), inputShape).Module;

    [TorchFact]
    public void Forward_GivesHiddenStatesEveryStep_AndCountsParametersAsPyTorch()
    {
        random.manual_seed(1);
        using var layer = Build("""{"type":"lstm","out":7}""", 5);
        using var input = rand(9, 3, 5);
        using var output = layer.call(input);
        Assert.Equal(new long[] { 9, 3, 7 }, output.shape);
        var count = layer.parameters().Sum(p => p.numel());
        Assert.Equal((4 * 7 * (5 + 7)) + (8 * 7), count);
        Assert.Equal(count, LstmLayer.ParameterCount(5, 7));
        using var noBias = Build("""{"type":"lstm","out":7,"bias":false}""", 5);
        Assert.Equal(LstmLayer.ParameterCount(5, 7, hasBias: false), noBias.parameters().Sum(p => p.numel()));
    }

    [TorchFact]
    public void Output_MatchesTheLstmEquationsWrittenOut()
    {
        random.manual_seed(2);
        using var layer = Build("""{"type":"lstm","out":3}""", 2);
        layer.to(float64);
        using var input = randn(5, 2, 2, dtype: float64);
        using var output = layer.call(input);
        var p = layer.named_parameters().ToDictionary(n => n.name, n => n.parameter);
        var wIh = RecurrentSpikingLayerTests.Matrix(p["lstm.weight_ih_l0"]);
        var wHh = RecurrentSpikingLayerTests.Matrix(p["lstm.weight_hh_l0"]);
        var bias = (p["lstm.bias_ih_l0"] + p["lstm.bias_hh_l0"]).detach().data<double>().ToArray();
        var x = RecurrentSpikingLayerTests.Cube(input);
        var actual = RecurrentSpikingLayerTests.Cube(output);
        const int hidden = 3;
        for (var b = 0; b < 2; b++)
        {
            var h = new double[hidden];
            var c = new double[hidden];
            for (var t = 0; t < 5; t++)
            {
                var gates = new double[4 * hidden];
                for (var r = 0; r < 4 * hidden; r++)
                {
                    gates[r] = bias[r];
                    for (var f = 0; f < 2; f++) gates[r] += wIh[r, f] * x[t, b, f];
                    for (var j = 0; j < hidden; j++) gates[r] += wHh[r, j] * h[j];
                }
                for (var j = 0; j < hidden; j++)
                {
                    var i = Sigmoid(gates[j]);
                    var forget = Sigmoid(gates[hidden + j]);
                    var g = Math.Tanh(gates[(2 * hidden) + j]);
                    var o = Sigmoid(gates[(3 * hidden) + j]);
                    c[j] = (forget * c[j]) + (i * g);
                    h[j] = o * Math.Tanh(c[j]);
                    Assert.Equal(h[j], actual[t, b, j], 12);
                }
            }
        }
    }

    [TorchFact]
    public void Gradients_MatchFiniteDifferences()
    {
        random.manual_seed(3);
        using var layer = Build("""{"type":"lstm","out":4}""", 3);
        layer.to(float64);
        using var input = randn(6, 2, 3, dtype: float64);
        using var weights = randn(6, 2, 4, dtype: float64);
        FiniteDifferences.AssertGradientsMatch(() => (layer.call(input) * weights).sum(), layer.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));
    }

    [TorchFact]
    public void SameSeed_SameOutput()
    {
        float[] Run()
        {
            random.manual_seed(4);
            using var layer = Build("""{"type":"lstm","out":4}""", 3);
            using var input = rand(5, 2, 3);
            return layer.call(input).data<float>().ToArray();
        }
        Assert.Equal(Run(), Run());
    }

    [TorchFact]
    public void BadConfigurations_NameTheirPath()
    {
        var registry = LearningRegistry.BuiltIn();
        Assert.StartsWith("model.layers[0]: lstm needs a sample shape [features]",
            Assert.Throws<LearningConfigException>(() => registry.BuildLayer(ConfigNode.Parse("""{"type":"lstm","out":4}""", "model.layers[0]"), [1, 28, 28])).Message, StringComparison.Ordinal);
        Assert.Equal("model.layers[0].out: is required",
            Assert.Throws<LearningConfigException>(() => registry.BuildLayer(ConfigNode.Parse("""{"type":"lstm"}""", "model.layers[0]"), [3])).Message);
        Assert.StartsWith("model.layers[0].layers: unknown key",
            Assert.Throws<LearningConfigException>(() => registry.BuildLayer(ConfigNode.Parse("""{"type":"lstm","out":4,"layers":2}""", "model.layers[0]"), [3])).Message, StringComparison.Ordinal);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

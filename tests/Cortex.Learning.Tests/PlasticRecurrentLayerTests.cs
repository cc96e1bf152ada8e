using Cortex.Learning.Plasticity;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// The differentiable-plasticity layer: its forward pass against the equations evaluated by hand, its
/// autograd gradients against finite differences, the non-plastic control, and its configuration.
/// </summary>
public sealed class PlasticRecurrentLayerTests
{
    [TorchTheory]
    [InlineData(HebbianRule.Decaying)]
    [InlineData(HebbianRule.Oja)]
    public void Outputs_and_trace_follow_the_equations_computed_by_hand(HebbianRule rule)
    {
        double[,] w = { { 0.2, -0.5 }, { 0.7, 0.1 } };
        double[,] alpha = { { 0.9, -0.3 }, { 0.4, 1.2 } };
        const double eta = 0.25;
        double[][] x = [[0.8, -0.6], [0.3, 0.9], [-0.5, 0.2]];
        using var layer = new PlasticRecurrentLayer(2, 2, InputProjection.Direct, new PlasticRecurrentOptions { Eta = eta, Rule = rule });
        layer.to(float64);
        using (no_grad())
        {
            layer.Weight.copy_(tensor(w.Cast<double>().ToArray(), [2, 2], float64));
            layer.Alpha!.copy_(tensor(alpha.Cast<double>().ToArray(), [2, 2], float64));
        }
        using var input = tensor(x.SelectMany(row => row).ToArray(), [3, 1, 2], float64);
        using var output = layer.call(input);

        // y_t,i = tanh(x_t,i + Σ_j (w_ij + α_ij·Hebb_ij)·y_{t−1,j}), then the trace update, neuron by neuron.
        var y = new double[2];
        var hebb = new double[2, 2];
        var expected = new List<double>();
        foreach (var step in x)
        {
            var next = new double[2];
            for (var i = 0; i < 2; i++)
            {
                var sum = step[i];
                for (var j = 0; j < 2; j++) sum += (w[i, j] + alpha[i, j] * hebb[i, j]) * y[j];
                next[i] = Math.Tanh(sum);
            }
            for (var i = 0; i < 2; i++)
            {
                for (var j = 0; j < 2; j++)
                {
                    hebb[i, j] = rule == HebbianRule.Decaying
                        ? (1 - eta) * hebb[i, j] + eta * next[i] * y[j]
                        : hebb[i, j] + eta * next[i] * (y[j] - next[i] * hebb[i, j]);
                }
            }
            y = next;
            expected.AddRange(next);
        }
        AssertClose([.. expected], output.data<double>().ToArray());
        Assert.Equal([1L, 2L, 2L], layer.LastHebb!.shape);
        AssertClose(hebb.Cast<double>().ToArray(), layer.LastHebb.data<double>().ToArray());
        Assert.NotEqual(0, hebb[0, 1]);   // the trace really took part
    }

    [TorchTheory]
    [InlineData(HebbianRule.Decaying)]
    [InlineData(HebbianRule.Oja)]
    public void Autograd_gradients_of_alpha_eta_and_w_equal_finite_differences(HebbianRule rule)
    {
        using var generator = new Generator(11);
        using var layer = new PlasticRecurrentLayer(2, 3, InputProjection.Linear, new PlasticRecurrentOptions { Eta = 0.3, Rule = rule, InitScale = 0.6 }, generator);
        layer.to(float64);
        using var input = randn([6, 2, 2], float64, generator: generator);
        // A fixed random readout of every output at every step, so the loss depends on the whole trajectory.
        using var readout = randn([6, 2, 3], float64, generator: generator);
        Tensor Loss() => (layer.call(input) * readout).sum();
        double LossValue()
        {
            using var scope = NewDisposeScope();
            using var guard = no_grad();
            return Loss().item<double>();
        }

        using (NewDisposeScope()) Loss().backward();
        foreach (var (name, parameter) in new[] { ("alpha", layer.Alpha!), ("eta", layer.Eta!), ("weight", layer.Weight) })
        {
            var analytic = parameter.grad!.reshape(-1).data<double>().ToArray();
            Assert.Contains(analytic, g => Math.Abs(g) > 1e-3);   // a gradient of zero would pass vacuously
            for (var k = 0; k < analytic.Length; k++)
            {
                const double h = 1e-6;
                Nudge(parameter, k, h);
                var plus = LossValue();
                Nudge(parameter, k, -2 * h);
                var minus = LossValue();
                Nudge(parameter, k, h);
                var numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(analytic[k] - numeric) <= 1e-7 * Math.Max(1, Math.Abs(numeric)),
                    $"d loss / d {name}[{k}]: autograd {analytic[k]}, finite difference {numeric}");
            }
        }
    }

    [TorchFact]
    public void The_control_equals_the_plastic_layer_with_alpha_held_at_zero()
    {
        // Same seed ⇒ same w (drawn first); with α = 0 the trace cannot reach the output.
        using var plasticGenerator = new Generator(5);
        using var controlGenerator = new Generator(5);
        using var plastic = new PlasticRecurrentLayer(4, 4, InputProjection.Direct, new PlasticRecurrentOptions { InitScale = 0.5 }, plasticGenerator);
        using var control = new PlasticRecurrentLayer(4, 4, InputProjection.Direct, new PlasticRecurrentOptions { InitScale = 0.5, Plastic = false }, controlGenerator);
        Assert.Null(control.Alpha);
        Assert.Null(control.Eta);
        Assert.Equal(16, control.parameters().Sum(p => p.numel()));
        Assert.Equal(16 + 16 + 1, plastic.parameters().Sum(p => p.numel()));
        using var input = randn(7, 3, 4);
        using var withAlpha = plastic.call(input);
        using (no_grad()) plastic.Alpha!.zero_();
        using var withoutAlpha = plastic.call(input);
        using var controlled = control.call(input);
        Assert.False(withAlpha.allclose(controlled), "the plastic part changed nothing, so the comparison below would prove nothing");
        Assert.True(withoutAlpha.allclose(controlled, rtol: 0, atol: 0));
    }

    [TorchFact]
    public void Registry_builds_plastic_rnn_from_its_configuration()
    {
        var built = Build("""{"type": "plastic_rnn", "hidden": 6, "eta": 0.2, "rule": "oja"}""", 4);
        var layer = Assert.IsType<PlasticRecurrentLayer>(built.Module);
        Assert.Equal([6L], built.OutputShape);
        Assert.Equal(HebbianRule.Oja, layer.Options.Rule);
        Assert.Equal(0.2f, layer.Eta!.item<float>());
        Assert.NotNull(layer.InputWeight);
        using var output = layer.call(randn(5, 2, 4));
        Assert.Equal([5L, 2L, 6L], output.shape);
    }

    [TorchTheory]
    [InlineData("""{"type": "plastic_rnn", "hidden": 4, "eta": 0}""", "model.layers[1].eta: must be > 0 and <= 1, got 0")]
    [InlineData("""{"type": "plastic_rnn", "hidden": 4, "eta": 1.5}""", "model.layers[1].eta: must be > 0 and <= 1, got 1.5")]
    [InlineData("""{"type": "plastic_rnn", "hidden": 0}""", "model.layers[1].hidden: must be between 1 and")]
    [InlineData("""{"type": "plastic_rnn"}""", "model.layers[1].hidden: is required")]
    [InlineData("""{"type": "plastic_rnn", "hidden": 4, "rule": "hebb"}""", "model.layers[1].rule: expected \"decaying\" or \"oja\", got \"hebb\"")]
    [InlineData("""{"type": "plastic_rnn", "hidden": 5, "input": "direct"}""", "model.layers[1].input: \"direct\" needs one input per neuron, but 4 inputs feed 5 neurons")]
    [InlineData("""{"type": "plastic_rnn", "hidden": 4, "etta": 0.1}""", "model.layers[1].etta: unknown key")]
    public void Bad_configuration_names_the_setting(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchTheory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void An_eta_outside_zero_to_one_is_refused_in_code_too(double eta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PlasticRecurrentLayer(3, 3, InputProjection.Direct, new PlasticRecurrentOptions { Eta = eta }));
        Assert.Equal(nameof(PlasticRecurrentOptions.Eta), error.ParamName);
    }

    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    private static void Nudge(Tensor parameter, long index, double delta)
    {
        using var guard = no_grad();
        using var flat = parameter.view(-1);
        using var element = flat[index];
        element.add_(delta);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }
}

using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Sequences;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sequences;

/// <summary>
/// The recurrent spiking layer (<c>recurrent</c>): shapes and parameters, spikes and BPTT gradients against a
/// hand-written recurrent ALIF network (<see cref="ReferenceRecurrentAlif"/>), the stepped neuron against the
/// neuron layer's own (fused) forward, seeded determinism and configuration errors naming their path.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class RecurrentSpikingLayerTests
{
    private const string Alif = """{"type":"recurrent","out":4,"neuron":{"type":"alif","tau":3,"tau_adaptation":5,"adaptation":0.4,"threshold":0.3,"surrogate":{"name":"arctan","alpha":2}}}""";

    private static RecurrentSpikingLayer Build(string json, params long[] inputShape) =>
        (RecurrentSpikingLayer)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[0]"), inputShape).Module;

    private static LearningConfigException BuildError(string json, params long[] inputShape) =>
        Assert.Throws<LearningConfigException>(() => LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[0]"), inputShape));

    [TorchFact]
    public void Forward_MapsTimeBatchFeatures_ToSpikesPerNeuron_WithInputRecurrentAndBiasParameters()
    {
        random.manual_seed(3);
        using var layer = Build(Alif, 3);
        using var input = rand(7, 5, 3);
        using var output = layer.call(input);
        Assert.Equal(new long[] { 7, 5, 4 }, output.shape);
        Assert.All(output.data<float>().ToArray(), s => Assert.True(s is 0f or 1f));
        var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { 4, 3 }, parameters["input_weight"]);
        Assert.Equal(new long[] { 4 }, parameters["bias"]);
        Assert.Equal(new long[] { 4, 4 }, parameters["recurrent_weight"]);
        Assert.Equal(3, parameters.Count);
        Assert.IsType<AdaptiveLifNeuron>(layer.Neuron);
    }

    [TorchTheory]
    [InlineData(0.4)]
    [InlineData(0.0)]
    public void SpikesAndGradients_MatchAHandWrittenRecurrentAlifNetwork(double adaptation)
    {
        var json = Alif.Replace("\"adaptation\":0.4", $"\"adaptation\":{adaptation.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
        random.manual_seed(11);
        using var layer = Build(json, 3);
        layer.to(float64);
        // Strong enough weights that the neurons spike and feed back within the 8 steps.
        using (no_grad())
        {
            layer.InputWeight.mul_(4);
            layer.RecurrentWeight.mul_(3);
        }
        using var input = rand(8, 2, 3, dtype: float64);
        using var weights = randn(8, 2, 4, dtype: float64);
        var reference = new ReferenceRecurrentAlif(Matrix(layer.InputWeight), layer.Bias!.data<double>().ToArray(), Matrix(layer.RecurrentWeight),
            tau: 3, tauAdaptation: 5, adaptation, threshold: 0.3, alpha: 2);
        var x = Cube(input);

        using var spikes = layer.call(input);
        var expected = reference.Forward(x);
        var actual = Cube(spikes);
        Assert.Equal(expected.Cast<double>(), actual.Cast<double>());
        var count = actual.Cast<double>().Sum();
        Assert.True(count > 4 && count < 60, $"{count} spikes of 64: too few or too many for a meaningful check");

        using var loss = (spikes * weights).sum();
        loss.backward();
        var (gIn, gBias, gRec) = reference.Gradients(x, Cube(weights));
        AssertClose(gIn.Cast<double>(), layer.InputWeight.grad!, "input_weight");
        AssertClose(gBias, layer.Bias.grad!, "bias");
        AssertClose(gRec.Cast<double>(), layer.RecurrentWeight.grad!, "recurrent_weight");
        Assert.Contains(gRec.Cast<double>(), g => Math.Abs(g) > 1e-3);
    }

    [TorchFact]
    public void WithoutRecurrentWeights_TheSteppedNeuronsSpikeAsTheNeuronLayersOwnFusedForward()
    {
        random.manual_seed(5);
        using var layer = Build("""{"type":"recurrent","out":6,"neuron":{"type":"lif","tau":2}}""", 4);
        using (no_grad()) layer.RecurrentWeight.zero_();
        using var input = rand(12, 3, 4) * 2;
        using var stepped = layer.call(input);
        using var drive = nn.functional.linear(input, layer.InputWeight, layer.Bias);
        using var fused = layer.Neuron.call(drive);
        Assert.True(layer.Neuron.UseFusedKernel);
        Assert.Equal(fused.data<float>().ToArray(), stepped.data<float>().ToArray());
        Assert.True(fused.sum().item<float>() > 0);
    }

    [TorchFact]
    public void RecurrentWeights_ChangeTheSpikes()
    {
        random.manual_seed(6);
        using var layer = Build(Alif, 3);
        using var input = rand(10, 4, 3) * 3;
        using var before = layer.call(input);
        using (no_grad()) layer.RecurrentWeight.fill_(0.8);
        using var after = layer.call(input);
        Assert.NotEqual(before.data<float>().ToArray(), after.data<float>().ToArray());
    }

    [TorchFact]
    public void SameSeed_SameWeightsSpikesAndGradients()
    {
        float[] Run()
        {
            random.manual_seed(21);
            using var layer = Build(Alif, 3);
            using var input = rand(6, 3, 3) * 3;
            using var output = layer.call(input);
            output.sum().backward();
            return [.. output.data<float>().ToArray(), .. layer.InputWeight.grad!.data<float>().ToArray(), .. layer.RecurrentWeight.grad!.data<float>().ToArray()];
        }
        Assert.Equal(Run(), Run());
    }

    [TorchFact]
    public void NeuronDefaultsToLif_AndTheNeuronConfigIsReadWithItsOwnPath()
    {
        using var layer = Build("""{"type":"recurrent","out":5}""", 2);
        Assert.IsType<LifNeuron>(layer.Neuron);
        Assert.Null(Build("""{"type":"recurrent","out":5,"bias":false}""", 2).Bias);
        Assert.Equal("model.layers[0].neuron.tua: unknown key (known here: adaptation, detach_reset, learn_threshold, reset, sparse_backward, surrogate, tau, tau_adaptation, threshold, type, v_reset)",
            BuildError("""{"type":"recurrent","out":5,"neuron":{"type":"alif","tua":3}}""", 2).Message);
        Assert.StartsWith("model.layers[0].neuron.sparse_backward: not supported inside a recurrent layer",
            BuildError("""{"type":"recurrent","out":5,"neuron":{"type":"lif","reset":"subtract","detach_reset":true,"sparse_backward":{"band":0.5}}}""", 2).Message, StringComparison.Ordinal);
        Assert.StartsWith("model.layers[0].neuron.tau_adaptation: must be >", BuildError("""{"type":"recurrent","out":5,"neuron":{"type":"alif","tau_adaptation":0}}""", 2).Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void BadConfigurations_NameTheirPath()
    {
        Assert.Equal("model.layers[0].neuron.type: the recurrent layer needs a spiking neuron layer stepped in time (if, lif, plif, alif), got 'linear'",
            BuildError("""{"type":"recurrent","out":5,"neuron":{"type":"linear","out":5}}""", 2).Message);
        Assert.StartsWith("model.layers[0]: recurrent needs a sample shape [features]", BuildError("""{"type":"recurrent","out":5}""", 1, 28, 28).Message, StringComparison.Ordinal);
        Assert.Equal("model.layers[0].out: is required", BuildError("""{"type":"recurrent"}""", 2).Message);
        Assert.Equal("model.layers[0].out: must be between 1 and 2147483647, got 0", BuildError("""{"type":"recurrent","out":0}""", 2).Message);
        Assert.StartsWith("model.layers[0].neuron: expected an object", BuildError("""{"type":"recurrent","out":3,"neuron":"alif"}""", 2).Message, StringComparison.Ordinal);
        Assert.StartsWith("model.layers[0].hidden: unknown key", BuildError("""{"type":"recurrent","out":3,"hidden":3}""", 2).Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void WrongInputShape_IsRefusedNamingTheExpectedShape()
    {
        using var layer = Build(Alif, 3);
        using var input = rand(4, 2, 5);
        Assert.Contains("expected input [T, batch, 3], got [4, 2, 5]", Assert.Throws<ArgumentException>(() => layer.call(input)).Message, StringComparison.Ordinal);
    }

    internal static double[,] Matrix(Tensor t)
    {
        var (rows, cols) = ((int)t.shape[0], (int)t.shape[1]);
        var values = t.detach().to(float64).data<double>().ToArray();
        var result = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++) result[i, j] = values[(i * cols) + j];
        }
        return result;
    }

    internal static double[,,] Cube(Tensor t)
    {
        var (a, b, c) = ((int)t.shape[0], (int)t.shape[1], (int)t.shape[2]);
        var values = t.detach().to(float64).data<double>().ToArray();
        var result = new double[a, b, c];
        for (var i = 0; i < a; i++)
        {
            for (var j = 0; j < b; j++)
            {
                for (var k = 0; k < c; k++) result[i, j, k] = values[(((i * b) + j) * c) + k];
            }
        }
        return result;
    }

    private static void AssertClose(IEnumerable<double> expected, Tensor actual, string name)
    {
        var values = actual.to(float64).data<double>().ToArray();
        var reference = expected.ToArray();
        Assert.Equal(reference.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(reference[i] - values[i]) <= 1e-9 * Math.Max(1, Math.Abs(reference[i])), $"d loss / d {name}[{i}]: hand-written BPTT {reference[i]}, autograd {values[i]}");
    }
}

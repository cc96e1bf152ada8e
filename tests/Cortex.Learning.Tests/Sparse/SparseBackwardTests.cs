using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Sparse;
using Cortex.Learning.Surrogates;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Sparse;

/// <summary>
/// The sparse backward pass (Perez-Nieves &amp; Goodman, "Sparse Spiking Gradient Descent", NeurIPS 2021): its
/// gradients equal the dense BPTT gradients of the same layers with the same band-limited surrogate (the fused
/// kernel and the per-step autograd graph), the trace algebra matches finite differences of the linearised loss,
/// training is seeded-deterministic, and bad keys name their config path.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class SparseBackwardTests
{
    private const string Sparse = "\"reset\":\"subtract\",\"detach_reset\":true,\"sparse_backward\":{\"band\":0.4}";

    private static string Model(string neuron, int inputs = 12, int hidden = 20, bool bias = true) => $$"""
        {"input_shape":[{{inputs}}],"steps":6,"layers":[
          {"type":"linear","out":{{hidden}}{{(bias ? "" : ",\"bias\":false")}}},
          {{neuron}},
          {"type":"linear","out":16},
          {{neuron}},
          {"type":"linear","out":3}]}
        """;

    private static string Lif(string surrogate = "fast_sigmoid") =>
        $$"""{"type":"lif","tau":2,"surrogate":{"name":"{{surrogate}}","alpha":3},""" + Sparse + "}";

    private static string If() => """{"type":"if",""" + Sparse + "}";

    /// <summary>Gradients of every parameter and of the input sequence for one loss evaluation.</summary>
    private static Dictionary<string, float[]> Gradients(SpikingNetwork network, Tensor sequence, Tensor readout, bool sparse, bool fused = true)
    {
        network.UseSparseBackward = sparse;
        foreach (var layer in network.Layers)
        {
            if (layer.Module is SpikingNeuron neuron) neuron.UseFusedKernel = fused;
        }
        network.zero_grad();
        using var input = sequence.detach().requires_grad_(true);
        using var scope = NewDisposeScope();
        var output = network.RunSequence(input);
        var loss = (output * readout).sum();
        loss.backward();
        var grads = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.data<float>().ToArray());
        grads["input"] = input.grad!.data<float>().ToArray();
        return grads;
    }

    private static void AssertClose(float[] expected, float[] actual, string name, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-3, expected.Max(Math.Abs));
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{name}[{i}]: dense {expected[i]}, sparse {actual[i]}");
    }

    [TorchTheory]
    [InlineData("lif", true, true)]
    [InlineData("lif", false, true)]
    [InlineData("if", false, true)]
    [InlineData("lif", true, false)]
    public void SparseGradients_EqualTheDenseGradients_OfTheSameBandLimitedSurrogate(string neuron, bool constantInput, bool bias)
    {
        random.manual_seed(5);
        using var network = SpikingNetwork.FromJson(Model(neuron == "lif" ? Lif() : If(), bias: bias), LearningRegistry.BuiltIn());
        network.train();
        Assert.Equal(2, network.SparsePairs.Count);
        using var x = rand(8, 12) * 5;
        using var sequence = constantInput ? x.unsqueeze(0).expand(6, -1, -1) : rand(6, 8, 12).lt(0.5).to(float32) * 5;
        using var readout = randn(6, 8, 3);

        var sparse = Gradients(network, sequence, readout, sparse: true);
        var fused = Gradients(network, sequence, readout, sparse: false);
        var graph = Gradients(network, sequence, readout, sparse: false, fused: false);

        if (constantInput)
        {
            // The input stored once for all steps: the dense layer maps input[0] only, so compare the gradient summed over time.
            foreach (var grads in new[] { sparse, fused, graph }) grads["input"] = SumOverTime(grads["input"], 6);
        }
        foreach (var (name, expected) in fused)
        {
            AssertClose(expected, sparse[name], name);
            AssertClose(expected, graph[name], $"{name} (graph)");
        }
        Assert.Contains(sparse["layers.0.weight"], g => g != 0);   // the band was not empty
        foreach (var pair in network.SparsePairs)
        {
            Assert.InRange(pair.Activity.Fraction, 1e-6, 0.999_999);   // some neurons in the band, some outside
        }
    }

    private static float[] SumOverTime(float[] values, int steps)
    {
        var width = values.Length / steps;
        return [.. Enumerable.Range(0, width).Select(i => Enumerable.Range(0, steps).Sum(t => values[(t * width) + i]))];
    }

    [TorchFact]
    public void BandLimitedSurrogate_IsTheInnerDerivativeInsideTheBand_AndZeroOutside()
    {
        var inner = new ArcTanSurrogate(2);
        var limited = new BandLimitedSurrogate(inner, 0.5);
        using var x = tensor(new[] { -0.8, -0.5, -0.49, 0.0, 0.3, 0.5, 2.0 });
        using var expected = inner.Derivative(x);
        using var actual = limited.Derivative(x);
        var e = expected.data<double>().ToArray();
        var a = actual.data<double>().ToArray();
        double[] inside = [0, 0, 1, 1, 1, 0, 0];
        for (var i = 0; i < e.Length; i++) Assert.Equal(e[i] * inside[i], a[i], 12);
        Assert.Equal("arctan", limited.Name);
    }

    /// <summary>
    /// With the spikes held fixed, the charges h[t] = a·v[t−1] + b·(W·x[t] + c), v[t] = h[t] − θ·s[t] are linear in
    /// W, c and x, so L̃ = Σ δ·h with δ = g_s·σ'(h − θ) frozen has exactly the sparse pass's gradients; central
    /// differences of L̃ (computed here in double precision, independently of the kernel) check the trace algebra.
    /// </summary>
    [TorchFact]
    public void SparseGradients_MatchFiniteDifferences_OfTheLinearisedLoss()
    {
        const int steps = 5, batch = 3, inputs = 4, outputs = 6;
        const double threshold = 1, band = 0.6;
        var k = LifNeuron.LeakFromTau(3);
        var rng = new Random(9);
        double Draw(double scale) => (rng.NextDouble() - 0.3) * scale;
        var x = Enumerable.Range(0, steps * batch * inputs).Select(_ => Draw(2)).ToArray();
        var w = Enumerable.Range(0, outputs * inputs).Select(_ => Draw(1)).ToArray();
        var c = Enumerable.Range(0, outputs).Select(_ => Draw(0.5)).ToArray();
        var g = Enumerable.Range(0, steps * batch * outputs).Select(_ => Draw(1)).ToArray();
        var surrogate = new TriangleSurrogate(1);

        // The kernel's gradients.
        using var layer = new Layers.TimeDistributedLinear(inputs, outputs);
        using (no_grad())
        {
            layer.Weight.copy_(tensor(w.Select(v => (float)v).ToArray(), [outputs, inputs]));
            layer.Bias!.copy_(tensor(c.Select(v => (float)v).ToArray(), [outputs]));
        }
        var options = new NeuronOptions { Reset = ResetMode.Subtract, DetachReset = true, Surrogate = new BandLimitedSurrogate(surrogate, band) };
        using var neuron = new LifNeuron(3, options);
        var pair = new SparseSynapticPair(0, layer, neuron, neuron.FusableCharge!.Value, (BandLimitedSurrogate)options.Surrogate);
        using var input = tensor(x.Select(v => (float)v).ToArray(), [steps, batch, inputs]).requires_grad_(true);
        using var spikesOut = pair.Forward(input);
        using var gradOut = tensor(g.Select(v => (float)v).ToArray(), [steps, batch, outputs]);
        using (var objective = (spikesOut * gradOut).sum()) objective.backward();
        var kernelW = layer.Weight.grad!.data<float>().ToArray();
        var kernelC = layer.Bias!.grad!.data<float>().ToArray();
        var kernelX = input.grad!.data<float>().ToArray();

        // Forward in double: spikes and frozen δ.
        var spikes = spikesOut.data<float>().ToArray();
        double[] Charges(double[] xs, double[] ws, double[] cs)
        {
            var h = new double[steps * batch * outputs];
            var v = new double[batch * outputs];
            for (var t = 0; t < steps; t++)
            for (var b = 0; b < batch; b++)
            for (var i = 0; i < outputs; i++)
            {
                var current = cs[i];
                for (var j = 0; j < inputs; j++) current += ws[(i * inputs) + j] * xs[(((t * batch) + b) * inputs) + j];
                var n = (((t * batch) + b) * outputs) + i;
                h[n] = v[(b * outputs) + i] + (k * (current - v[(b * outputs) + i]));
                v[(b * outputs) + i] = h[n] - (threshold * spikes[n]);
            }
            return h;
        }
        var h0 = Charges(x, w, c);
        using var distances = tensor(h0.Select(value => value - threshold).ToArray());
        using var slopes = surrogate.Derivative(distances);
        var sigma = slopes.data<double>().ToArray();
        var delta = h0.Select((_, n) => Math.Abs(h0[n] - threshold) < band ? g[n] * sigma[n] : 0).ToArray();
        Assert.Equal(delta.Count(d => d != 0), delta.Length - delta.Count(d => d == 0));
        Assert.Equal(h0.Count(value => Math.Abs(value - threshold) < band), pair.Activity.InBand);
        Assert.InRange(pair.Activity.Fraction, 0.05, 0.95);
        double Loss(double[] xs, double[] ws, double[] cs) => Charges(xs, ws, cs).Select((value, n) => value * delta[n]).Sum();

        void Check(double[] values, float[] kernel, Func<double[], double> loss, string name)
        {
            const double step = 1e-4;
            for (var i = 0; i < values.Length; i++)
            {
                var keep = values[i];
                values[i] = keep + step;
                var up = loss(values);
                values[i] = keep - step;
                var down = loss(values);
                values[i] = keep;
                var numeric = (up - down) / (2 * step);
                Assert.True(Math.Abs(numeric - kernel[i]) <= 1e-4 + (1e-4 * Math.Abs(numeric)), $"{name}[{i}]: finite difference {numeric}, sparse kernel {kernel[i]}");
            }
        }
        Check(w, kernelW, ws => Loss(x, ws, c), "weight");
        Check(c, kernelC, cs => Loss(x, w, cs), "bias");
        Check(x, kernelX, xs => Loss(xs, w, c), "input");
        Assert.Contains(kernelW, value => value != 0);
    }

    [TorchFact]
    public void Training_WithTheSparsePass_LearnsAndIsSeededDeterministic()
    {
        // A band of 1 around θ = 1: every neuron with a positive charge carries gradient, enough for these faint inputs.
        var neuron = Lif("arctan").Replace("\"band\":0.4", "\"band\":1", StringComparison.Ordinal);
        var layers = $$"""[{"type":"linear","out":24},{{neuron}},{"type":"linear","out":3}]""";
        var config = TrainingConfig.Parse(TrainingFixtures.Config(layers: layers, epochs: 4, steps: 4), "sparse");
        (double Accuracy, float[] Weights, double Active) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            Assert.Single(trainer.Network.SparsePairs);
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            return (accuracy, trainer.Network.Layers[0].Module.parameters().First().data<float>().ToArray(), trainer.Network.SparsePairs[0].Activity.Fraction);
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.8, $"test accuracy {first.Accuracy}");
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Active, second.Active);
        Assert.InRange(first.Active, 1e-6, 0.999_999);
    }

    [TorchTheory]
    [InlineData("""{"type":"lif","reset":"subtract","detach_reset":true,"sparse_backward":{"band":-1}}""", "model.layers[1].sparse_backward.band: must be > 0")]
    [InlineData("""{"type":"lif","reset":"subtract","detach_reset":true,"sparse_backward":{"bnd":1}}""", "model.layers[1].sparse_backward.bnd")]
    [InlineData("""{"type":"lif","sparse_backward":{"band":0.5}}""", "model.layers[1].sparse_backward: the sparse gradient ignores the reset")]
    [InlineData("""{"type":"lif","reset":"subtract","detach_reset":true,"sparse_backward":2}""", "model.layers[1].sparse_backward")]
    [InlineData("""{"type":"plif","reset":"subtract","detach_reset":true,"sparse_backward":{}}""", "model.layers[1].sparse_backward: needs a \"lif\"")]
    [InlineData("""{"type":"lif","learn_threshold":true,"reset":"subtract","detach_reset":true,"sparse_backward":{}}""", "model.layers[1].sparse_backward: needs a \"lif\"")]
    public void BadSparseBackwardKeys_NameTheirConfigPath(string neuron, string expected)
    {
        var json = $$"""{"input_shape":[6],"steps":2,"layers":[{"type":"linear","out":8},{{neuron}},{"type":"linear","out":3}]}""";
        var error = Assert.Throws<LearningConfigException>(() => SpikingNetwork.FromJson(json, LearningRegistry.BuiltIn()).Dispose());
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void SparseBackward_WithoutALinearLayerBefore_IsRefusedNamingTheKey()
    {
        var json = """{"input_shape":[6],"steps":2,"layers":[{"type":"lif","reset":"subtract","detach_reset":true,"sparse_backward":{}},{"type":"linear","out":3}]}""";
        var error = Assert.Throws<LearningConfigException>(() => SpikingNetwork.FromJson(json, LearningRegistry.BuiltIn()).Dispose());
        Assert.StartsWith("model.layers[0].sparse_backward: needs a \"linear\" layer right before it", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Evaluation_RunsTheLayersDensely_AndGivesTheSameSpikesAsTraining()
    {
        random.manual_seed(2);
        using var network = SpikingNetwork.FromJson(Model(Lif()), LearningRegistry.BuiltIn());
        using var batch = rand(5, 12);
        using var trained = network.call(batch);
        Tensor evaluated;
        using (no_grad()) evaluated = network.call(batch);
        using (evaluated) Assert.Equal(trained.detach().data<float>().ToArray(), evaluated.data<float>().ToArray());
    }
}

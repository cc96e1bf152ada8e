using Cortex.Learning.Memristive;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Memristive;

/// <summary>
/// The volatile-memristor neuron: its forward pass against the device equations written out here in double
/// precision, the shapes, exact gradients of the smooth device against finite differences, the surrogate path's
/// gradients, and configuration errors naming their JSON path.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class VolatileMemristorNeuronTests
{
    private static VolatileMemristorNeuron Build(string json, params long[] shape) =>
        (VolatileMemristorNeuron)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), shape).Module;

    /// <summary>
    /// The device equations of one neuron, step by step, independently of the layer's tensor code:
    /// charge the RC membrane, switch at V_th, set and relax the device state, drain the membrane through it.
    /// </summary>
    private static (double[] Output, double Membrane, double State) Reference(double[] input, double tau, double tauM, double threshold, double shunt, double? sharpness)
    {
        var k = 1 - Math.Exp(-1 / tau);
        var r = Math.Exp(-1 / tauM);
        double v = 0, m = 0;
        var output = new double[input.Length];
        for (var t = 0; t < input.Length; t++)
        {
            var h = v + (k * (input[t] - v));
            var s = sharpness is { } beta ? 1 / (1 + Math.Exp(-beta * (h - threshold))) : h - threshold >= 0 ? 1 : 0;
            m = (m * r) + ((1 - (m * r)) * s);
            v = h * (1 - (shunt * m));
            output[t] = s;
        }
        return (output, v, m);
    }

    [TorchTheory]
    [InlineData("""{"type":"memristive_neuron"}""", 2.0, 1.0, 1.0, 1.0, null)]
    [InlineData("""{"type":"memristive_neuron","tau":4,"tau_memristor":3,"threshold":0.8,"shunt":0.6}""", 4.0, 3.0, 0.8, 0.6, null)]
    [InlineData("""{"type":"memristive_neuron","tau":3,"tau_memristor":2,"switching":"smooth","sharpness":4}""", 3.0, 2.0, 1.0, 1.0, 4.0)]
    public void Forward_FollowsTheDeviceEquations(string json, double tau, double tauM, double threshold, double shunt, double? sharpness)
    {
        var layer = Build(json, 5);
        random.manual_seed(11);
        using var input = rand(12, 3, 5, dtype: float64) * 3;
        using var output = layer.call(input);
        Assert.Equal(new long[] { 12, 3, 5 }, output.shape);
        var x = input.data<double>().ToArray();
        var y = output.data<double>().ToArray();
        var membrane = layer.LastMembrane!.data<double>().ToArray();
        var state = layer.LastDeviceState!.data<double>().ToArray();
        for (var n = 0; n < 15; n++)
        {
            var series = Enumerable.Range(0, 12).Select(t => x[(t * 15) + n]).ToArray();
            var expected = Reference(series, tau, tauM, threshold, shunt, sharpness);
            for (var t = 0; t < 12; t++) Assert.Equal(expected.Output[t], y[(t * 15) + n], 10);
            Assert.Equal(expected.Membrane, membrane[n], 10);
            Assert.Equal(expected.State, state[n], 10);
        }
    }

    [TorchFact]
    public void AfterASpike_TheRelaxingDeviceKeepsDrainingTheMembrane()
    {
        // Constant drive 1.5 with τ = 2 (k = 0.393): the membrane charges 0.590, 0.948, 1.165, so it first fires at step 2,
        // and a neuron reset to 0 with nothing lingering would fire every 3 steps. With the device shunting fully and
        // relaxing slowly (τ_m = 4), it keeps draining the membrane: the interval is longer, refractoriness made by the
        // device's volatile state, not by a reset rule.
        var layer = Build("""{"type":"memristive_neuron","tau":2,"tau_memristor":4}""", 1);
        using var input = full(40, 1, 1, 1.5, dtype: float64);
        using var output = layer.call(input);
        var spikes = output.reshape(40).data<double>().Select((s, t) => (s, t)).Where(p => p.s == 1).Select(p => p.t).ToArray();
        Assert.True(spikes.Length >= 3, $"spikes at [{string.Join(", ", spikes)}]");
        Assert.Equal(2, spikes[0]);
        Assert.True(spikes[1] - spikes[0] > 3, $"second spike {spikes[1] - spikes[0]} steps after the first; without the device it would be 3");
        var expected = Reference(Enumerable.Repeat(1.5, 40).ToArray(), 2, 4, 1, 1, null).Output;
        Assert.Equal(expected, output.reshape(40).data<double>().ToArray());
    }

    [TorchFact]
    public void ADeviceThatRelaxesAtOnce_IsTheLifNeuronWithAHardReset_SpikesAndGradients()
    {
        // τ_m → 0: the device is on only during its spike step (m = s), so v = h·(1 − s): the LIF layer's reset to 0.
        // The LIF layer (its own fused kernel) is the independent implementation here.
        var registry = LearningRegistry.BuiltIn();
        var memristive = Build("""{"type":"memristive_neuron","tau":3,"tau_memristor":0.001,"surrogate":{"name":"arctan","alpha":2}}""", 6);
        var lif = registry.BuildLayer(ConfigNode.Parse("""{"type":"lif","tau":3,"surrogate":{"name":"arctan","alpha":2}}""", "lif"), [6]).Module;
        random.manual_seed(12);
        using var values = rand(10, 4, 6) * 2.5f;
        (float[] Spikes, float[] Gradient) Run(nn.Module<Tensor, Tensor> layer)
        {
            using var input = values.clone().requires_grad_();
            using var output = layer.call(input);
            using var loss = (output * values).sum();
            loss.backward();
            return (output.data<float>().ToArray(), input.grad!.data<float>().ToArray());
        }
        var a = Run(memristive);
        var b = Run(lif);
        Assert.Equal(b.Spikes, a.Spikes);
        Assert.True(a.Spikes.Sum() > 20, "the comparison needs spikes");
        Assert.Equal(b.Gradient, a.Gradient, (x, y) => Math.Abs(x - y) <= 1e-4f * Math.Max(1, Math.Abs(y)));
    }

    [TorchFact]
    public void SmoothSwitching_GradientsMatchFiniteDifferences()
    {
        var layer = Build("""{"type":"memristive_neuron","tau":2,"tau_memristor":2,"switching":"smooth","sharpness":3,"shunt":0.8}""", 4);
        random.manual_seed(5);
        using var input = (rand(6, 2, 4, dtype: float64) * 2.5).requires_grad_();
        using var weights = rand(6, 2, 4, dtype: float64);
        Tensor Loss() => (layer.call(input) * weights).sum();
        FiniteDifferences.AssertGradientsMatch(Loss, [("input", input)], h: 1e-6, tolerance: 1e-6, elementsPerParameter: 48);
    }

    [TorchFact]
    public void AbruptSwitching_GradientsAreFiniteAndReachEveryStep_ThroughTheSurrogate()
    {
        var layer = Build("""{"type":"memristive_neuron","surrogate":{"name":"arctan","alpha":2}}""", 8);
        random.manual_seed(6);
        using var input = (rand(5, 4, 8) * 3).requires_grad_();
        using var loss = layer.call(input).sum();
        loss.backward();
        FiniteDifferences.AssertFiniteAndNonZero([("input", input)]);
        // Every step's input affects some spike at or after it.
        using var perStep = input.grad!.abs().sum([1, 2]);
        Assert.All(perStep.data<float>().ToArray(), g => Assert.True(g > 0));
    }

    [TorchFact]
    public void DetachReset_CutsOnlyTheDeviceStatePath()
    {
        // At the first step v and m start at 0, so the step's own gradient is the same with and without the cut; later steps differ.
        var attached = Build("""{"type":"memristive_neuron","switching":"smooth","tau_memristor":3}""", 3);
        var detached = Build("""{"type":"memristive_neuron","switching":"smooth","tau_memristor":3,"detach_reset":true}""", 3);
        random.manual_seed(8);
        using var values = rand(6, 2, 3, dtype: float64) * 3;
        double[] Gradient(VolatileMemristorNeuron layer)
        {
            using var input = values.clone().requires_grad_();
            using var loss = layer.call(input)[^1].sum();
            loss.backward();
            return input.grad!.data<double>().ToArray();
        }
        var a = Gradient(attached);
        var b = Gradient(detached);
        Assert.Equal(a[^6..], b[^6..]);             // the last step's input acts before any switching event of that step
        Assert.NotEqual(a[..6], b[..6]);            // the first step's input reaches the last output through the device state
    }

    [TorchTheory]
    [InlineData("\"shunt\":0", "model.layers[1].shunt: must be > 0")]
    [InlineData("\"shunt\":1.5", "model.layers[1].shunt: must be > 0 and <= 1")]
    [InlineData("\"tau_memristor\":-1", "model.layers[1].tau_memristor: must be > 0")]
    [InlineData("\"switching\":\"soft\"", "model.layers[1].switching: expected \"abrupt\" or \"smooth\"")]
    [InlineData("\"switching\":\"smooth\",\"surrogate\":\"arctan\"", "model.layers[1].surrogate: smooth switching")]
    [InlineData("\"sharpness\":3", "model.layers[1].sharpness: applies to")]
    [InlineData("\"reset\":\"subtract\"", "model.layers[1].reset: unknown key")]
    public void BadKeys_NameTheConfigPath(string key, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build($$"""{"type":"memristive_neuron",{{key}}}""", 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

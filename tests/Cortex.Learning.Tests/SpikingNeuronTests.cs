using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Surrogates;
using Cortex.Models;
using Cortex.Modules.Neurons;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

[Collection(TorchGlobalState.Name)]
public sealed class SpikingNeuronTests
{
    private static readonly NeuronOptions Defaults = new() { Surrogate = new FastSigmoidSurrogate() };

    [TorchFact]
    public void Lif_with_constant_input_fires_with_the_closed_form_period()
    {
        // From rest with reset to 0: v_n = x·(1 − (1 − k)^n), so the period is the first n with v_n ≥ θ.
        const double tau = 5, x = 1.7;
        var k = LifNeuron.LeakFromTau(tau);
        var period = (int)Math.Ceiling(Math.Log(1 - 1 / x) / Math.Log(1 - k));
        var times = SpikeTimes(new LifNeuron(tau, Defaults), x, steps: 60);
        Assert.True(times.Count >= 5);
        Assert.Equal(Enumerable.Range(1, times.Count).Select(i => i * period - 1), times);
    }

    [TorchFact]
    public void If_with_constant_input_fires_every_ceil_theta_over_x_steps()
    {
        const double x = 0.3;
        var times = SpikeTimes(new IfNeuron(Defaults), x, steps: 40);
        var period = (int)Math.Ceiling(1 / x);
        Assert.Equal(Enumerable.Range(1, times.Count).Select(i => i * period - 1), times);
    }

    [TorchFact]
    public void Subtractive_reset_keeps_the_charge_so_the_count_is_floor_of_total_input()
    {
        const double x = 0.3;
        const int steps = 47;
        var neuron = new IfNeuron(Defaults with { Reset = ResetMode.Subtract });
        var times = SpikeTimes(neuron, x, steps);
        // Count from the exact step-by-step sums: float32 rounding could push a multiple of θ either way.
        var expected = 0;
        var v = 0f;
        for (var t = 0; t < steps; t++)
        {
            v += (float)x;
            if (v >= 1f) { expected++; v -= 1f; }
        }
        Assert.Equal(expected, times.Count);
        Assert.InRange(times.Count, (int)Math.Floor(steps * x) - 1, (int)Math.Floor(steps * x));
    }

    [TorchFact]
    public void Torch_lif_and_the_engine_lif_model_give_the_same_spikes()
    {
        // The differentiable form and the engine's model (exact integration, dt = 1 ms, τ_m = τ ms, C = τ nF ⇒ R = 1 MΩ)
        // must agree spike for spike on the same input currents.
        const double tau = 4;
        const int steps = 200, neurons = 16;
        manual_seed(7);
        using var input = rand(steps, 1, neurons) * 1.6f;
        using var spikes = new LifNeuron(tau, Defaults).forward(input);
        var torchSpikes = spikes.data<float>().ToArray();
        var currents = input.data<float>().ToArray();

        var model = new Lif();
        var values = new ParameterValues(model.Parameters, new Dictionary<string, double>
        {
            ["tau_m"] = tau, ["cm"] = tau, ["v_rest"] = 0, ["v_reset"] = 0, ["v_thresh"] = 1, ["tau_refrac"] = 0,
        });
        var prepared = model.Prepare(values, dt: 1);
        var dynamics = new Lif.Dynamics();
        var mismatches = 0;
        for (var n = 0; n < neurons; n++)
        {
            var state = model.InitialState(values);
            for (var t = 0; t < steps; t++)
            {
                var fired = dynamics.Step(ref state, prepared, new NeuronInput(currents[t * neurons + n]));
                if (fired != (torchSpikes[t * neurons + n] == 1f)) mismatches++;
            }
        }
        Assert.Equal(0, mismatches);
    }

    [TorchFact]
    public void Adaptation_current_lengthens_the_interspike_intervals()
    {
        var times = SpikeTimes(new AdaptiveLifNeuron(tau: 5, tauAdaptation: 30, adaptation: 0.3, Defaults), 2.0, steps: 120);
        var plain = SpikeTimes(new LifNeuron(5, Defaults), 2.0, steps: 120);
        Assert.Equal(plain[0], times[0]);
        var intervals = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.True(intervals[^1] > intervals[0], string.Join(",", intervals));
        Assert.True(times.Count < plain.Count);
    }

    [TorchFact]
    public void Plif_tau_and_learned_thresholds_receive_gradients()
    {
        manual_seed(3);
        using var input = rand(12, 4, 8) * 2;
        var plif = new ParametricLifNeuron(3, Defaults, learnThreshold: true);
        Assert.Equal(3, plif.CurrentTau, 5); // the logit is stored in float32
        using var output = plif.forward(input);
        using var loss = output.mean();
        loss.backward();
        Assert.NotEqual(0f, plif.LeakLogit.grad!.item<float>());
        Assert.NotEqual(0f, plif.LearnedThreshold!.grad!.item<float>());

        var lif = new LifNeuron(3, Defaults, learnThreshold: true);
        using var lifOutput = lif.forward(input);
        using var lifLoss = lifOutput.mean();
        lifLoss.backward();
        Assert.NotEqual(0f, lif.LearnedThreshold!.grad!.item<float>());
        Assert.Single(lif.parameters());
    }

    [TorchFact]
    public void Detaching_the_reset_changes_gradients_but_not_spikes()
    {
        manual_seed(5);
        using var data = rand(10, 2, 6) * 2;
        var (spikesAttached, gradAttached) = SpikesAndInputGradient(new LifNeuron(2, Defaults), data);
        var (spikesDetached, gradDetached) = SpikesAndInputGradient(new LifNeuron(2, Defaults with { DetachReset = true }), data);
        Assert.Equal(spikesAttached, spikesDetached);
        Assert.NotEqual(gradAttached, gradDetached);
    }

    [Fact]
    public void Out_of_range_parameters_are_rejected_with_their_names()
    {
        Assert.Contains("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new LifNeuron(0, Defaults)).Message, StringComparison.Ordinal);
        Assert.Contains("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => new IfNeuron(Defaults with { Threshold = -1 })).Message, StringComparison.Ordinal);
        Assert.Contains("v_reset", Assert.Throws<ArgumentOutOfRangeException>(() => new IfNeuron(Defaults with { VReset = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("tau_adaptation", Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveLifNeuron(2, -1, 0.1, Defaults)).Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Neuron_layers_are_built_by_name_from_configuration()
    {
        var registry = LearningRegistry.BuiltIn();
        var built = registry.BuildLayer(ConfigNode.Parse("""{"type":"plif","tau":4,"reset":"subtract","surrogate":{"name":"erf","alpha":3}}""", "model.layers[0]"), [10]);
        var plif = Assert.IsType<ParametricLifNeuron>(built.Module);
        Assert.Equal(ResetMode.Subtract, plif.Options.Reset);
        Assert.Equal("erf", plif.Options.Surrogate.Name);
        Assert.Equal(3, plif.Options.Surrogate.Alpha);
        Assert.Equal([10L], built.OutputShape);
    }

    [Theory]
    [InlineData("""{"type":"lif","tau":-1}""", "model.layers[2].tau: must be > 0")]
    [InlineData("""{"type":"lif","reset":"soft"}""", "model.layers[2].reset: expected \"zero\" or \"subtract\"")]
    [InlineData("""{"type":"lif","tua":3}""", "model.layers[2].tua: unknown key")]
    [InlineData("""{"type":"lfi"}""", "model.layers[2].type: unknown layer type 'lfi'")]
    [InlineData("""{"type":"lif","surrogate":{"name":"erf","alpha":0}}""", "model.layers[2].surrogate.alpha: must be > 0")]
    public void Configuration_errors_name_the_path(string json, string expected)
    {
        var error = Assert.Throws<LearningConfigException>(() => LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[2]"), [4]));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static List<int> SpikeTimes(SpikingNeuron neuron, double x, int steps)
    {
        using var input = full(steps, 1, 1, x, float32);
        using var spikes = neuron.forward(input);
        var values = spikes.data<float>().ToArray();
        return [.. Enumerable.Range(0, steps).Where(t => values[t] == 1f)];
    }

    private static (float[] Spikes, float[] Gradient) SpikesAndInputGradient(LifNeuron neuron, Tensor data)
    {
        using var input = data.clone().requires_grad_(true);
        using var spikes = neuron.forward(input);
        using var weights = arange(spikes.numel(), float32).reshape(spikes.shape) / spikes.numel();
        using var loss = (spikes * weights).sum();
        loss.backward();
        return (spikes.data<float>().ToArray(), input.grad!.data<float>().ToArray());
    }
}

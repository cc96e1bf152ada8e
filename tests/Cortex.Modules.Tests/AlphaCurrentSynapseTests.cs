using Cortex.Models;
using Cortex.Modules.Synapses;
using Cortex.Units;
using Xunit;

namespace Cortex.Modules.Tests;

public class AlphaCurrentSynapseTests
{
    /// <summary>The closed form of the current a weight w arriving at t = 0 gives: w·(t/τ)·e^(1 − t/τ).</summary>
    private static double Kernel(double w, double tau, double t) => t < 0 ? 0 : w * (t / tau) * Math.Exp(1 - t / tau);

    [Fact]
    public void Is_a_current_receptor_with_two_state_variables()
    {
        var model = new AlphaCurrentSynapse();
        Assert.Equal("alpha_current", model.Name);
        Assert.Equal(Dimension.Current, model.WeightDimension);
        Assert.True(model.WeightRule.Accepts(-1), "inhibitory currents are negative");
        Assert.Null(model.Linear(Receptors.Values(model), 0.1));
        Assert.Equal(["i", "a"], model.StateVariables.Select(v => v.Name));
        Assert.All(model.StateVariables, v => Assert.Equal(Dimension.Current, v.Dimension));
        Assert.False(model.Parameters.Single(p => p.Name == "tau_syn").Rule.Accepts(0));
    }

    [Theory]
    [InlineData(0.1, 2.0, 0.7)]
    [InlineData(0.1, 0.5, -1.2)]
    [InlineData(0.05, 5.0, 0.3)]
    [InlineData(1.0, 10.0, 2.0)]
    public void A_single_weight_peaks_at_the_weight_at_tau(double dt, double tau, double w)
    {
        var group = Receptors.Group(new AlphaCurrentSynapse(), dt, ("tau_syn", tau));
        var peakStep = (int)Math.Round(tau / dt);
        var inputs = Receptors.Run(group, 3 * peakStep, Receptors.Single((float)w));

        Assert.Equal(0f, inputs[0].Current);
        Receptors.Near(w, inputs[peakStep].Current, 1e-4, "current at t = tau");
        var magnitudes = inputs.Select(i => Math.Abs(i.Current)).ToList();
        Assert.Equal(peakStep, magnitudes.IndexOf(magnitudes.Max()));
    }

    [Theory]
    [InlineData(0.1, 2.0)]
    [InlineData(0.1, 5.0)]
    [InlineData(0.25, 3.0)]
    public void A_single_weight_follows_the_closed_form(double dt, double tau)
    {
        const float w = 0.45f;
        var group = Receptors.Group(new AlphaCurrentSynapse(), dt, ("tau_syn", tau));
        var inputs = Receptors.Run(group, (int)Math.Round(6 * tau / dt) + 1, Receptors.Single(w));

        foreach (var multiple in new[] { 0.3, 0.5, 1.0, 1.5, 2.0, 3.0, 4.5, 6.0 })
        {
            var step = (int)Math.Round(multiple * tau / dt);
            Receptors.Near(Kernel(w, tau, step * dt), inputs[step].Current, 1e-5, $"I(t = {step * dt} ms)");
        }
    }

    [Theory]
    [InlineData(0.6, 0.9)]
    [InlineData(1.0, -0.4)]
    public void Two_spikes_superpose_linearly(double w1, double w2)
    {
        const double dt = 0.1, tau = 2;
        const int secondStep = 13;
        var model = new AlphaCurrentSynapse();
        var both = Receptors.Run(Receptors.Group(model, dt, ("tau_syn", tau)), 150,
            n => n switch { 0 => (float)w1, secondStep => (float)w2, _ => 0 });
        var first = Receptors.Run(Receptors.Group(model, dt, ("tau_syn", tau)), 150, Receptors.Single((float)w1));
        var second = Receptors.Run(Receptors.Group(model, dt, ("tau_syn", tau)), 150, n => n == secondStep ? (float)w2 : 0);

        var scale = Math.Abs(w1) + Math.Abs(w2);
        for (var n = 0; n < both.Length; n++)
        {
            Assert.Equal(first[n].Current + second[n].Current, both[n].Current, 1e-6 * scale);
            var closed = Kernel(w1, tau, n * dt) + Kernel(w2, tau, (n - secondStep) * dt);
            Assert.Equal(closed, both[n].Current, 1e-5 * scale);
        }
    }

    [Fact]
    public void Two_weights_in_one_step_act_as_their_sum()
    {
        var model = new AlphaCurrentSynapse();
        var twice = Receptors.Group(model, 0.1);
        twice.Receive(0, 0.25f);
        twice.Receive(0, 0.5f);
        var once = Receptors.Group(model, 0.1);
        once.Receive(0, 0.75f);
        for (var n = 0; n < 50; n++)
        {
            Assert.Equal(once.Input(0, 0).Current, twice.Input(0, 0).Current, 1e-7);
            once.Advance(0, 1);
            twice.Advance(0, 1);
        }
    }

    [Fact]
    public void Is_a_pure_current_independent_of_the_membrane_potential()
    {
        var group = Receptors.Group(new AlphaCurrentSynapse(), 0.1);
        group.Receive(0, 1);
        for (var n = 0; n < 20; n++) group.Advance(0, 1);
        var atRest = group.Input(0, -70);
        var depolarised = group.Input(0, 20);
        Assert.Equal(atRest, depolarised);
        Assert.Equal(0f, atRest.Conductance);
        Assert.True(atRest.Current > 0.99f);
    }

    [Fact]
    public void State_variables_are_read_and_written_by_name()
    {
        const double dt = 0.1, tau = 4;
        var model = new AlphaCurrentSynapse();
        var group = Receptors.Group(model, dt, ("tau_syn", tau));
        int i = model.IndexOfVariable("i"), a = model.IndexOfVariable("a");

        // A current set as initial state with a = 0 decays as a plain exponential.
        group.Set(i, 0, 0.8f);
        var inputs = Receptors.Run(group, 40, _ => 0);
        for (var n = 0; n < inputs.Length; n++)
            Receptors.Near(0.8 * Math.Exp(-n * dt / tau), inputs[n].Current, 1e-5, $"free decay, step {n}");

        // An arriving weight w shows up as e·w in a.
        var fresh = Receptors.Group(model, dt, ("tau_syn", tau));
        fresh.Receive(0, 0.5f);
        Assert.Equal(0.5 * Math.E, fresh.Get(a, 0), 1e-6);
        Assert.Equal(0f, fresh.Get(i, 0));
    }
}

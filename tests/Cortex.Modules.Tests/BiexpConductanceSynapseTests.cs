using Cortex.Models;
using Cortex.Modules.Synapses;
using Cortex.Units;
using Xunit;

namespace Cortex.Modules.Tests;

public class BiexpConductanceSynapseTests
{
    /// <summary>
    /// The closed form of the conductance a weight w arriving at t = 0 gives: w·f·(e^(−t/τ_d) − e^(−t/τ_r)), peak w at
    /// t_p = τ_d·τ_r/(τ_d − τ_r)·ln(τ_d/τ_r), computed here independently of the model.
    /// </summary>
    private static double Kernel(double w, double tauRise, double tauDecay, double t)
    {
        var tp = tauDecay * tauRise / (tauDecay - tauRise) * Math.Log(tauDecay / tauRise);
        var f = 1 / (Math.Exp(-tp / tauDecay) - Math.Exp(-tp / tauRise));
        return w * f * (Math.Exp(-t / tauDecay) - Math.Exp(-t / tauRise));
    }

    [Fact]
    public void Is_a_conductance_receptor_with_non_negative_weights()
    {
        var model = new BiexpConductanceSynapse();
        Assert.Equal("biexp_conductance", model.Name);
        Assert.Equal(Dimension.Conductance, model.WeightDimension);
        Assert.Equal(ValueRule.NonNegative, model.WeightRule);
        Assert.False(model.WeightRule.Accepts(-0.001));
        Assert.Equal(["g", "x"], model.StateVariables.Select(v => v.Name));
        Assert.All(model.StateVariables, v => Assert.Equal(Dimension.Conductance, v.Dimension));
        Assert.Null(model.Linear(Receptors.Values(model), 0.1));
        foreach (var name in new[] { "tau_rise", "tau_decay" })
            Assert.False(model.Parameters.Single(p => p.Name == name).Rule.Accepts(0), name);
        Assert.Empty(model.Check(Receptors.Values(model)));
    }

    [Theory]
    [InlineData(0.5, 5.0)]
    [InlineData(1.0, 3.0)]
    [InlineData(0.2, 20.0)]
    public void A_single_weight_peaks_at_the_weight_at_the_peak_time(double tauRise, double tauDecay)
    {
        const double dt = 0.01, w = 0.004;
        var tp = tauDecay * tauRise / (tauDecay - tauRise) * Math.Log(tauDecay / tauRise);
        Assert.Equal(tp, BiexpConductanceSynapse.PeakTime(tauRise, tauDecay), 1e-12);

        var group = Receptors.Group(new BiexpConductanceSynapse(), dt, ("tau_rise", tauRise), ("tau_decay", tauDecay));
        var inputs = Receptors.Run(group, (int)Math.Round(3 * tp / dt), Receptors.Single((float)w));
        var g = inputs.Select(i => (double)i.Conductance).ToList();
        var peakStep = g.IndexOf(g.Max());

        Assert.InRange(peakStep * dt, tp - dt, tp + dt);
        // On a grid of 0.01 ms the sampled peak is below the true one by far less than 1e-4 relative.
        Receptors.Near(w, g[peakStep], 1e-4, "peak conductance");
        Assert.True(g.Max() <= w * (1 + 1e-5), $"the conductance overshoots its peak: {g.Max()}");
    }

    [Theory]
    [InlineData(0.1, 0.5, 5.0)]
    [InlineData(0.1, 2.0, 10.0)]
    [InlineData(0.025, 0.3, 3.0)]
    public void A_single_weight_follows_the_closed_form(double dt, double tauRise, double tauDecay)
    {
        const float w = 0.01f;
        var group = Receptors.Group(new BiexpConductanceSynapse(), dt, ("tau_rise", tauRise), ("tau_decay", tauDecay));
        var steps = (int)Math.Round(4 * tauDecay / dt) + 1;
        var inputs = Receptors.Run(group, steps, Receptors.Single(w));

        Assert.Equal(0f, inputs[0].Conductance);
        foreach (var t in new[] { 0.5 * tauRise, tauRise, 2 * tauRise, 0.5 * tauDecay, tauDecay, 2 * tauDecay, 4 * tauDecay })
        {
            var step = (int)Math.Round(t / dt);
            Receptors.Near(Kernel(w, tauRise, tauDecay, step * dt), inputs[step].Conductance, 1e-5, $"g(t = {step * dt} ms)");
        }
    }

    [Theory]
    [InlineData(0.0, -65.0)]
    [InlineData(-80.0, -50.0)]
    public void Drives_the_current_g_times_e_rev_minus_v(double eRev, double v)
    {
        var group = Receptors.Group(new BiexpConductanceSynapse(), 0.1, ("e_rev", eRev));
        group.Receive(0, 0.02f);
        for (var n = 0; n < 10; n++) group.Advance(0, 1);
        var input = group.Input(0, (float)v);

        Assert.True(input.Conductance > 0);
        Assert.Equal((float)eRev, input.Reversal);
        Assert.Equal(input.Conductance * (eRev - v), input.Current, 1e-6);
    }

    [Fact]
    public void Two_spikes_superpose_linearly()
    {
        const double dt = 0.1, tauRise = 1, tauDecay = 8;
        const int secondStep = 17;
        var group = Receptors.Group(new BiexpConductanceSynapse(), dt, ("tau_rise", tauRise), ("tau_decay", tauDecay));
        var inputs = Receptors.Run(group, 300, n => n switch { 0 => 0.01f, secondStep => 0.02f, _ => 0 });
        for (var n = 0; n < inputs.Length; n++)
        {
            var closed = Kernel(0.01, tauRise, tauDecay, n * dt) + (n >= secondStep ? Kernel(0.02, tauRise, tauDecay, (n - secondStep) * dt) : 0);
            Assert.Equal(closed, inputs[n].Conductance, 1e-5 * 0.03);
        }
    }

    [Theory]
    [InlineData(5.0, 5.0)]
    [InlineData(6.0, 5.0)]
    public void Check_refuses_a_rise_not_faster_than_the_decay(double tauRise, double tauDecay)
    {
        var model = new BiexpConductanceSynapse();
        var values = Receptors.Values(model, ("tau_rise", tauRise), ("tau_decay", tauDecay));

        var problem = Assert.Single(model.Check(values));
        Assert.Equal("tau_rise", problem.Parameter);
        Assert.Contains("tau_decay", problem.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.CreateGroup(values, 1, 0.1));
    }

    [Fact]
    public void Check_accepts_a_rise_faster_than_the_decay()
    {
        var model = new BiexpConductanceSynapse();
        Assert.Empty(model.Check(Receptors.Values(model, ("tau_rise", 4.9), ("tau_decay", 5.0))));
    }
}

using Cortex.Models;
using Cortex.Modules.Synapses;
using Cortex.Units;
using Xunit;

namespace Cortex.Modules.Tests;

public class NmdaSynapseTests
{
    // The defaults, Wang (2002): tau_rise 2 ms, tau_decay 100 ms, alpha 0.5 /ms.
    private const double TauRise = 2, TauDecay = 100, Alpha = 0.5;

    [Fact]
    public void Has_the_papers_defaults_and_a_dimensionless_non_negative_weight()
    {
        var model = new NmdaSynapse();
        var values = Receptors.Values(model);

        Assert.Equal("nmda", model.Name);
        Assert.Equal(Dimension.Dimensionless, model.WeightDimension);
        Assert.Equal(ValueRule.NonNegative, model.WeightRule);
        Assert.Equal(["x", "s"], model.StateVariables.Select(v => v.Name));
        Assert.Null(model.Linear(values, 0.1));
        Assert.Empty(model.Check(values));
        Assert.Equal(TauRise, values["tau_rise"]);
        Assert.Equal(TauDecay, values["tau_decay"]);
        // alpha is a frequency, held in Hz: 0.5 /ms.
        Assert.Equal(Dimension.Frequency, model.Parameters.Single(p => p.Name == "alpha").Dimension);
        Assert.Equal(Alpha * 1000, values["alpha"]);
        Assert.Equal(0, values["e_rev"]);
        Assert.Equal(1, values["mg"]);
        Assert.Equal(Dimension.Dimensionless, model.Parameters.Single(p => p.Name == "mg").Dimension);
    }

    [Theory]
    [InlineData(-80.0, 1.0, 0.024424653027730656)]
    [InlineData(-50.0, 1.0, 0.13854419239651208)]
    [InlineData(0.0, 1.0, 0.7811816192560176)]
    [InlineData(-80.0, 2.0, 0.012363311308355529)]
    [InlineData(-50.0, 2.0, 0.07442787082594207)]
    [InlineData(0.0, 2.0, 0.6409335727109515)]
    public void The_magnesium_block_is_jahr_and_stevens(double v, double mg, double unblocked)
    {
        // Jahr & Stevens (1990): B(v) = 1/(1 + [Mg]/3.57 mM · exp(−0.062/mV · v)); the third column is its value.
        Assert.Equal(unblocked, 1 / (1 + mg / 3.57 * Math.Exp(-0.062 * v)), 1e-12);
        Assert.Equal(unblocked, NmdaSynapse.Unblocked(v, mg), 1e-12);

        const double gMax = 0.5, eRev = 0;
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, 0.1, ("g_max", gMax), ("mg", mg), ("e_rev", eRev));
        group.Set(model.IndexOfVariable("s"), 0, 1);
        var input = group.Input(0, (float)v);

        Receptors.Near(gMax * unblocked, input.Conductance, 1e-6, "effective conductance g_max·s·B(v)");
        Assert.Equal((float)eRev, input.Reversal);
        Assert.Equal(gMax * unblocked * (eRev - v), input.Current, 1e-6 * gMax * Math.Max(1, Math.Abs(eRev - v)));
    }

    [Fact]
    public void Without_magnesium_there_is_no_block()
    {
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, 0.1, ("g_max", 0.2), ("mg", 0), ("e_rev", 0));
        group.Set(model.IndexOfVariable("s"), 0, 0.5f);
        Assert.Equal(0.1, group.Input(0, -70).Conductance, 1e-7);
        Assert.Equal(0.1 * 70, group.Input(0, -70).Current, 1e-5);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(1.0)]
    [InlineData(1000.0)]
    public void The_gating_stays_between_0_and_1_under_a_200_Hz_train(double w)
    {
        const double dt = 0.1;
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, dt);
        var s = model.IndexOfVariable("s");
        var every = (int)Math.Round(5 / dt);   // 200 Hz
        var highest = 0f;
        for (var n = 0; n < 10_000; n++)
        {
            if (n % every == 0) group.Receive(0, (float)w);
            var input = group.Input(0, -50);
            group.Advance(0, 1);
            var gating = group.Get(s, 0);
            Assert.InRange(gating, 0f, 1f);
            Assert.True(float.IsFinite(input.Current));
            highest = Math.Max(highest, gating);
        }
        // The train drives s well into saturation (and near 1 for large weights).
        Assert.True(highest > (w >= 1 ? 0.95f : 0.5f), $"s only reached {highest}");
    }

    /// <summary>
    /// For a weight w ≪ 1/(α·τ_rise) the saturation term α·x·s is negligible and the gating is the linear response to
    /// x(t) = w·e^(−t/τ_r) of ds/dt = −s/τ_d + α·x:
    ///   s_lin(t) = α·w·τ_r·τ_d/(τ_d − τ_r)·(e^(−t/τ_d) − e^(−t/τ_r)).
    /// Error bounds. Saturation: the exact s obeys s = s_lin − δ with δ(t) = ∫ e^(−(t−u)/τ_d)·α·x(u)·s(u) du ≤ max(s_lin)·s_lin(t),
    /// and max(s_lin) ≤ α·w·τ_r, so s falls below s_lin by at most α·w·τ_r relative. Discretisation: per step the
    /// scheme adds α·x·τ_r(1 − e^(−h/τ_r))·τ_d(1 − e^(−h/τ_d))/h where the exact drive is α·x·(e^(−h/τ_d) − e^(−h/τ_r))/(1/τ_r − 1/τ_d);
    /// their Taylor expansions differ first in h³/(12·τ_r·τ_d), i.e. by h²/(12·τ_r·τ_d) relative (4.2e-6 at h = 0.1 ms).
    /// Single precision: the per-step decay factor of s is rounded to float the same way every step, so its relative
    /// error grows by up to about 2^-24 per step (6e-5 is seen after 4000 steps); the test allows n·2^-24 after n steps.
    /// (Freezing x at its start-of-step value instead would be off by about dt/(2·τ_r) = 2.5 % at dt = 0.1 ms.)
    /// </summary>
    [Theory]
    [InlineData(0.1, 1e-3)]
    [InlineData(0.1, 1e-4)]
    [InlineData(0.25, 1e-3)]
    public void A_small_weight_gives_the_linear_regime_closed_form(double dt, double w)
    {
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, dt);
        var s = model.IndexOfVariable("s");
        var bound = Alpha * w * TauRise + dt * dt / (12 * TauRise * TauDecay);

        group.Receive(0, (float)w);
        var steps = (int)Math.Round(400 / dt);
        for (var n = 1; n <= steps; n++)
        {
            group.Advance(0, 1);
            var t = n * dt;
            var linear = Alpha * w * TauRise * TauDecay / (TauDecay - TauRise) * (Math.Exp(-t / TauDecay) - Math.Exp(-t / TauRise));
            Receptors.Near(linear, group.Get(s, 0), bound + n * Math.ScaleB(1, -24), $"s(t = {t} ms)");
        }
    }

    [Theory]
    [InlineData(0.002)]
    [InlineData(0.05)]
    [InlineData(1.0)]
    public void With_x_held_constant_s_relaxes_exactly_to_its_steady_state(double x)
    {
        // tau_rise → ∞ keeps x constant; then ds/dt = −s/τ_d + α·x·(1 − s) is linear with constant coefficients and the
        // exponential-Euler step is exact: s(t) = s∞·(1 − e^(−k·t)), k = 1/τ_d + α·x, s∞ = α·x/k.
        const double dt = 0.1;
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, dt, ("tau_rise", 1e12));
        var s = model.IndexOfVariable("s");
        group.Receive(0, (float)x);
        var k = 1 / TauDecay + Alpha * x;
        var steady = Alpha * x / k;
        var steps = (int)Math.Ceiling(15 / (k * dt));   // until e^(−k·t) < 1e-6
        for (var n = 1; n <= steps; n++)
        {
            group.Advance(0, 1);
            if (n % 25 != 0) continue;
            Receptors.Near(steady * (1 - Math.Exp(-k * n * dt)), group.Get(s, 0), 1e-4, $"s(t = {n * dt} ms)");
        }
        Assert.Equal(x, group.Get(model.IndexOfVariable("x"), 0), 1e-6 * x);
        Receptors.Near(steady, group.Get(s, 0), 1e-4, "steady state");
    }

    /// <summary>
    /// The gating under an irregular train, saturating and not, against a classical RK4 integration of the full
    /// system (dx/dt = −x/τ_r, ds/dt = −s/τ_d + α·x·(1 − s)) on substeps of dt/100, with x jumping by the weight
    /// at the start of each arrival step: within 1 % of the reference everywhere s is above 1e-3 of its maximum.
    /// </summary>
    [Theory]
    [InlineData(0.1, 0.02)]
    [InlineData(0.1, 0.5)]
    [InlineData(0.1, 5.0)]
    [InlineData(0.2, 0.5)]
    public void The_step_agrees_with_a_fine_rk4_integration(double dt, double w)
    {
        var arrivalTimes = new[] { 0.0, 3.0, 4.7, 12.0, 12.5, 13.0, 13.5, 14.0, 40.0, 90.0, 91.0, 180.0 };
        var arrivals = arrivalTimes.Select(t => (int)Math.Round(t / dt)).ToHashSet();
        var steps = (int)Math.Round(300 / dt);
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, dt);
        var sIndex = model.IndexOfVariable("s");

        var actual = new double[steps];
        var reference = new double[steps];
        double x = 0, s = 0;
        const int substeps = 100;
        var h = dt / substeps;
        for (var n = 0; n < steps; n++)
        {
            if (arrivals.Contains(n))
            {
                group.Receive(0, (float)w);
                x += w;
            }
            actual[n] = group.Get(sIndex, 0);
            reference[n] = s;
            group.Advance(0, 1);
            for (var k = 0; k < substeps; k++) (x, s) = Rk4(x, s, h);
        }

        var max = reference.Max();
        for (var n = 0; n < steps; n++)
        {
            if (reference[n] < 1e-3 * max) continue;
            Receptors.Near(reference[n], actual[n], 0.01, $"s(t = {n * dt} ms)");
        }
    }

    private static (double X, double S) Rk4(double x, double s, double h)
    {
        static (double Dx, double Ds) F(double x, double s) => (-x / TauRise, -s / TauDecay + Alpha * x * (1 - s));
        var k1 = F(x, s);
        var k2 = F(x + h / 2 * k1.Dx, s + h / 2 * k1.Ds);
        var k3 = F(x + h / 2 * k2.Dx, s + h / 2 * k2.Ds);
        var k4 = F(x + h * k3.Dx, s + h * k3.Ds);
        return (x + h / 6 * (k1.Dx + 2 * k2.Dx + 2 * k3.Dx + k4.Dx), s + h / 6 * (k1.Ds + 2 * k2.Ds + 2 * k3.Ds + k4.Ds));
    }

    [Fact]
    public void An_arriving_weight_is_the_increment_of_x_and_the_input_follows_s()
    {
        var model = new NmdaSynapse();
        var group = Receptors.Group(model, 0.1, ("g_max", 0.1));
        group.Receive(0, 0.3f);
        group.Receive(0, 0.2f);
        Assert.Equal(0.5f, group.Get(model.IndexOfVariable("x"), 0));
        Assert.Equal(0f, group.Input(0, -40).Current);   // s has not opened yet in the arrival step
        group.Advance(0, 1);
        var input = group.Input(0, -40);
        var sValue = group.Get(model.IndexOfVariable("s"), 0);
        Assert.True(sValue > 0);
        Assert.Equal(0.1 * sValue * NmdaSynapse.Unblocked(-40, 1), input.Conductance, 1e-7);
        Assert.Equal(input.Conductance * 40, input.Current, 1e-6);
    }
}

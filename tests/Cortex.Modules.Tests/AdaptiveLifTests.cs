using Cortex.Models;
using Cortex.Modules.Neurons;
using Xunit;

namespace Cortex.Modules.Tests;

/// <summary>
/// The adaptive-threshold LIF against closed forms. Under a constant current I the membrane relaxes towards
/// v∞ = v_rest + R·I; after a spike it is held at v_reset for t_ref and then follows
/// v(t) = v∞ + (v_reset − v∞)·e^(−(t − t_ref)/τ_m) (t since the spike), while the threshold is
/// v_th + θ·e^(−t/τ_θ), θ being its increase just after the spike. The next spike comes at the root of
/// v(t) = v_th + θ·e^(−t/τ_θ), and then θ' = θ·e^(−ISI/τ_θ) + θ+.
/// </summary>
public class AdaptiveLifTests
{
    private const double Dt = 0.1;
    private const int Theta = 1;

    [Fact]
    public void Threshold_jumps_by_theta_plus_at_a_spike_and_decays_exponentially()
    {
        const double thetaPlus = 2, tauTheta = 50;
        var group = Sim.Group(new AdaptiveLif(), Dt, ("theta_plus", thetaPlus), ("tau_theta", tauTheta), ("tau_m", 20), ("cm", 0.25));
        Assert.Equal(0, group.Get(Theta, 0));
        // v∞ = −65 + 80·0.5 = −25 mV: the first spike comes after 20·ln(40/27) ≈ 7.9 ms.
        var steps = 0;
        while (!group.Step(0, 0.5f))
        {
            Assert.Equal(0, group.Get(Theta, 0));
            Assert.True(++steps < 1000, "no spike");
        }
        Assert.Equal(thetaPlus, group.Get(Theta, 0), 1e-6);
        for (var k = 1; k <= 2000; k++)
        {
            Assert.False(group.Step(0, 0f));
            if (k % 100 == 0) Assert.Equal(thetaPlus * Math.Exp(-k * Dt / tauTheta), group.Get(Theta, 0), 1e-4);
        }
    }

    /// <summary>
    /// With τ_θ → ∞ the threshold after n spikes is v_th + n·θ+, so the n-th interval (from spike n to n + 1) is
    /// t_ref + τ_m·ln((v∞ − v_reset)/(v∞ − v_th − n·θ+)): it lengthens with n, and the neuron falls silent for good
    /// once v_th + n·θ+ ≥ v∞, after exactly ⌈(v∞ − v_th)/θ+⌉ spikes.
    /// </summary>
    [Fact]
    public void Without_decay_each_interval_matches_the_closed_form_and_firing_stops_after_a_known_count()
    {
        const double tau = 100, cm = 0.1, vRest = -65, vReset = -65, vTh = -52, tRef = 5, thetaPlus = 0.6, current = 0.02;
        var vInf = vRest + tau / cm * current; // −45 mV
        var group = Sim.Group(new AdaptiveLif(), Dt, ("theta_plus", thetaPlus), ("tau_theta", 1e12));
        var times = Sim.SpikeTimes(group, Dt, 6000, (float)current);

        Assert.Equal((int)Math.Ceiling((vInf - vTh) / thetaPlus), times.Count); // 12
        Assert.Equal(tau * Math.Log((vInf - vRest) / (vInf - vTh)), times[0], Dt);
        var intervals = Sim.Intervals(times);
        for (var n = 1; n <= intervals.Count; n++)
        {
            var expected = tRef + tau * Math.Log((vInf - vReset) / (vInf - vTh - n * thetaPlus));
            Assert.InRange(intervals[n - 1], expected - Dt, expected + Dt);
        }
        for (var n = 1; n < intervals.Count; n++) Assert.True(intervals[n] > intervals[n - 1], $"interval {n} did not lengthen");
        Assert.Equal(times.Count * thetaPlus, group.Get(Theta, 0), 1e-4);
    }

    /// <summary>
    /// With a decaying threshold every interval is the root of the closed-form crossing condition given θ just after
    /// the spike that starts it, θ then follows θ' = θ·e^(−ISI/τ_θ) + θ+, and the intervals lengthen towards the
    /// fixed point where the decay over one interval balances the jump.
    /// </summary>
    [Fact]
    public void With_decay_intervals_lengthen_to_the_closed_form_fixed_point()
    {
        const double tau = 20, cm = 0.25, vRest = -65, vReset = -65, vTh = -50, tRef = 2, thetaPlus = 1.5, tauTheta = 300, current = 0.4;
        var vInf = vRest + tau / cm * current; // −33 mV
        var group = Sim.Group(new AdaptiveLif(), Dt, ("tau_m", tau), ("cm", cm), ("v_thresh", vTh), ("tau_refrac", tRef),
            ("theta_plus", thetaPlus), ("tau_theta", tauTheta));

        double Interval(double theta) => Bisect(t => vInf + (vReset - vInf) * Math.Exp(-(t - tRef) / tau) - vTh - theta * Math.Exp(-t / tauTheta), tRef, 10_000);

        var intervals = new List<double>();
        var thetas = new List<double>();
        var sinceSpike = -1;
        var steps = (int)Math.Round(3000 / Dt);
        for (var i = 1; i <= steps; i++)
        {
            if (sinceSpike >= 0) sinceSpike++;
            if (!group.Step(0, (float)current)) continue;
            if (sinceSpike >= 0)
            {
                var isi = sinceSpike * Dt;
                var before = thetas[^1];
                Assert.InRange(isi, Interval(before) - Dt, Interval(before) + Dt);
                Assert.Equal(before * Math.Exp(-isi / tauTheta) + thetaPlus, group.Get(Theta, 0), 1e-3);
                intervals.Add(isi);
            }
            thetas.Add(group.Get(Theta, 0));
            sinceSpike = 0;
        }

        Assert.True(intervals.Count > 50, $"only {intervals.Count} intervals");
        Assert.True(intervals[^1] > 1.5 * intervals[0], $"intervals did not lengthen: {intervals[0]} → {intervals[^1]} ms");
        // The fixed point: θ* = θ+ / (1 − e^(−T/τ_θ)) with T = Interval(θ*), i.e. the root of Interval(θ) − T(θ).
        var thetaStar = Bisect(theta => Interval(theta) + tauTheta * Math.Log(1 - thetaPlus / theta), thetaPlus * 1.0001, vInf - vTh);
        Assert.InRange(intervals[^1], Interval(thetaStar) - Dt, Interval(thetaStar) + Dt);
        Assert.Equal(thetaStar, thetas[^1], 0.05);
    }

    [Fact]
    public void Without_adaptation_it_spikes_exactly_like_lif()
    {
        var adaptive = Sim.Group(new AdaptiveLif(), Dt, ("tau_m", 20), ("cm", 0.25), ("v_thresh", -50), ("tau_refrac", 2), ("theta_plus", 0));
        var lif = Sim.Group(new Lif(), Dt);
        for (var i = 0; i < 5000; i++)
        {
            var current = (float)(0.3 + 0.2 * Math.Sin(i * 0.01));
            Assert.Equal(lif.Step(0, current), adaptive.Step(0, current));
            Assert.Equal(lif.Voltage(0), adaptive.Voltage(0));
        }
    }

    /// <summary>
    /// Conductances are integrated implicitly: with a conductance g to e and a current I held over the steps, v relaxes
    /// as v∞ + (v0 − v∞)·e^(−t·G/c_m) with G = c_m/τ_m + g and v∞ = (v_rest·c_m/τ_m + g·e + I)/G, even when g is a
    /// thousand times the leak (an explicit update with the current held at the start of the step would overshoot e).
    /// </summary>
    [Fact]
    public void Conductance_ports_relax_v_exactly_and_never_overshoot()
    {
        const double tau = 100, cm = 0.1, vRest = -65, g = 1.0, e = 0, current = 0.05;
        var group = Sim.Group(new AdaptiveLif(), Dt, ("v_thresh", 50));
        var gLeak = cm / tau;
        var vInf = (gLeak * vRest + g * e + current) / (gLeak + g);
        for (var n = 1; n <= 30; n++)
        {
            var v = group.Voltage(0);
            // What a backend hands over: a current receptor (I), a conductance receptor evaluated at the step's start.
            PortInput[] ports = [PortInput.FromCurrent((float)current), PortInput.FromConductance((float)g, (float)e, v)];
            var total = ports[0].Current + ports[1].Current;
            Assert.False(group.Step(0, new NeuronInput(total, 0, ports, default, [])));
            var expected = vInf + (vRest - vInf) * Math.Exp(-n * Dt * (gLeak + g) / cm);
            Assert.Equal(expected, group.Voltage(0), 1e-3);
            Assert.True(group.Voltage(0) <= vInf + 1e-4, $"step {n}: {group.Voltage(0)} mV overshoots {vInf} mV");
        }
    }

    [Fact]
    public void Reset_at_or_above_threshold_is_rejected()
    {
        var model = new AdaptiveLif();
        var values = new ParameterValues(model.Parameters, new Dictionary<string, double> { ["v_reset"] = -52 });
        Assert.Contains(model.Check(values), p => p.Parameter == "v_reset");
        Assert.Empty(model.Check(new ParameterValues(model.Parameters)));
    }

    // The root of an increasing function f on [low, high].
    private static double Bisect(Func<double, double> f, double low, double high)
    {
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (low + high);
            if (f(mid) < 0) low = mid;
            else high = mid;
        }
        return 0.5 * (low + high);
    }
}

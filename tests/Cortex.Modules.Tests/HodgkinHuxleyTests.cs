using Cortex.Models;
using Cortex.Modules.Neurons;
using Xunit;

namespace Cortex.Modules.Tests;

/// <summary>
/// The "hh" model against the textbook resting potential and against Brian2's rheobases for the same
/// equations (tests/reference/brian2_hh.json, from tools/reference/brian2_hh_rheobase.py: exponential Euler
/// at 0.0025 ms, converged to 0.1 %).
/// </summary>
public class HodgkinHuxleyTests
{
    private const double Dt = 0.1;

    private static readonly HodgkinHuxley Model = new();

    private static INeuronGroup Group() => Sim.Group(Model, Dt);

    [Fact]
    public void Rests_near_minus_65_mV_without_input()
    {
        var group = Group();
        var initial = group.Voltage(0);
        Assert.Empty(Sim.SpikeTimes(group, Dt, 200, 0));

        Assert.InRange(initial, -66, -64);
        Assert.InRange(group.Voltage(0), -66, -64);
        Assert.Equal(initial, group.Voltage(0), 0.01);
        var brianRest = Reference.Load("brian2_hh.json").GetProperty("v_rest_mV").GetDouble();
        Assert.Equal(brianRest, initial, 1e-3);
    }

    [Fact]
    public void Starts_with_the_gates_at_their_steady_state()
    {
        var group = Group();
        var v = group.Voltage(0);
        // Textbook values at −65 mV: m∞ ≈ 0.0529, h∞ ≈ 0.596, n∞ ≈ 0.318.
        Assert.Equal(0.0529, group.Get(Model.IndexOfVariable("m"), 0), 5e-4);
        Assert.Equal(0.596, group.Get(Model.IndexOfVariable("h"), 0), 5e-4);
        Assert.Equal(0.318, group.Get(Model.IndexOfVariable("n"), 0), 5e-4);
        Assert.InRange(v, -65.01, -64.99);
    }

    [Fact]
    public void Suprathreshold_step_gives_a_spike_overshooting_zero_but_below_E_Na()
    {
        var group = Group();
        var peak = double.MinValue;
        var spikes = 0;
        for (var i = 0; i < 500; i++)
        {
            if (group.Step(0, 1.0f)) spikes++;
            peak = Math.Max(peak, group.Voltage(0));
        }
        Assert.True(spikes >= 1);
        Assert.InRange(peak, 0, 50);
        // The peak itself against the same equations integrated independently (RK4, 1 µs steps, double precision).
        var (referencePeak, referenceSpikes) = Rk4PeakAndSpikes(1.0, 50);
        Assert.Equal(referenceSpikes, spikes);
        Assert.InRange(peak, referencePeak - 1.0, referencePeak + 1.0);
    }

    /// <summary>
    /// Hodgkin–Huxley with NEST hh_psc_alpha's absolute parameters (those of tests/reference/brian2_hh.json: c_m 100 pF,
    /// g_Na 12 µS, g_K 3.6 µS, g_L 30 nS, E_Na 50 mV, E_K −77 mV, E_L −54.402 mV) and the textbook rate functions,
    /// integrated by classical Runge–Kutta from the resting state under a DC step: the highest v and the number of
    /// upward 0 mV crossings within <paramref name="durationMs"/>.
    /// </summary>
    private static (double Peak, int Spikes) Rk4PeakAndSpikes(double currentNa, double durationMs)
    {
        const double h = 0.001, cm = 100, gNa = 12000, gK = 3600, gL = 30, eNa = 50, eK = -77, eL = -54.402;
        static double Vtrap(double x) => Math.Abs(x) < 1e-6 ? 1 + x / 2 : x / (1 - Math.Exp(-x));
        static double Am(double v) => Vtrap((v + 40) / 10);
        static double Bm(double v) => 4 * Math.Exp(-(v + 65) / 18);
        static double Ah(double v) => 0.07 * Math.Exp(-(v + 65) / 20);
        static double Bh(double v) => 1 / (1 + Math.Exp(-(v + 35) / 10));
        static double An(double v) => 0.1 * Vtrap((v + 55) / 10);
        static double Bn(double v) => 0.125 * Math.Exp(-(v + 65) / 80);
        double[] Derivative(double[] y, double current) =>
        [
            (current * 1000 - gNa * y[1] * y[1] * y[1] * y[2] * (y[0] - eNa) - gK * Math.Pow(y[3], 4) * (y[0] - eK) - gL * (y[0] - eL)) / cm,
            Am(y[0]) * (1 - y[1]) - Bm(y[0]) * y[1],
            Ah(y[0]) * (1 - y[2]) - Bh(y[0]) * y[2],
            An(y[0]) * (1 - y[3]) - Bn(y[0]) * y[3],
        ];
        // The resting state: settle without input first.
        var state = new[] { -65.0, Am(-65) / (Am(-65) + Bm(-65)), Ah(-65) / (Ah(-65) + Bh(-65)), An(-65) / (An(-65) + Bn(-65)) };
        void Advance(double current)
        {
            var k1 = Derivative(state, current);
            var k2 = Derivative([.. state.Select((y, i) => y + h / 2 * k1[i])], current);
            var k3 = Derivative([.. state.Select((y, i) => y + h / 2 * k2[i])], current);
            var k4 = Derivative([.. state.Select((y, i) => y + h * k3[i])], current);
            for (var i = 0; i < 4; i++) state[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        for (var t = 0; t < 20_000; t++) Advance(0);
        var peak = double.MinValue;
        var spikes = 0;
        for (var t = 0; t < (int)Math.Round(durationMs / h); t++)
        {
            var before = state[0];
            Advance(currentNa);
            if (before < 0 && state[0] >= 0) spikes++;
            peak = Math.Max(peak, state[0]);
        }
        return (peak, spikes);
    }

    /// <summary>Smallest DC step from rest with ≥ 1 upward crossing of 0 mV within 100 ms.</summary>
    [Fact]
    public void Single_spike_rheobase_matches_Brian2()
    {
        var reference = Reference.Load("brian2_hh.json");
        var window = reference.GetProperty("single_window_ms").GetDouble();
        var expected = reference.GetProperty("rheobase_single_nA").GetDouble();

        var rheobase = Bisect(current => Sim.SpikeTimes(Group(), Dt, window, (float)current).Count > 0, 0, 1);

        Assert.InRange(rheobase, expected * 0.98, expected * 1.02);
    }

    /// <summary>Smallest DC step from rest that still fires in the last 100 ms of a 500 ms step.</summary>
    [Fact]
    public void Repetitive_firing_rheobase_matches_Brian2()
    {
        var reference = Reference.Load("brian2_hh.json");
        var window = reference.GetProperty("repetitive_window_ms").GetDouble();
        var expected = reference.GetProperty("rheobase_repetitive_nA").GetDouble();

        var rheobase = Bisect(current => Sim.SpikeTimes(Group(), Dt, window, (float)current).Any(t => t > window - 100), 0.3, 1);

        Assert.InRange(rheobase, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Rates_are_continuous_through_their_removable_singularities()
    {
        // α_m = 0.1(v+40)/(1 − e^{−(v+40)/10}) → 1 at v = −40; α_n = 0.01(v+55)/(1 − e^{−(v+55)/10}) → 0.1 at v = −55.
        Assert.Equal(1.0, HodgkinHuxley.Rates.AlphaM(-40), 1e-6);
        Assert.Equal(0.1, HodgkinHuxley.Rates.AlphaN(-55), 1e-7);
        foreach (var offset in new[] { -0.5, -0.09, -1e-3, -1e-6, 1e-6, 1e-3, 0.09, 0.5 })
        {
            Assert.Equal(AlphaM(-40 + offset), HodgkinHuxley.Rates.AlphaM((float)(-40 + offset)), 1e-5);
            Assert.Equal(AlphaN(-55 + offset), HodgkinHuxley.Rates.AlphaN((float)(-55 + offset)), 1e-6);
        }

        static double AlphaM(double v) => 0.1 * (v + 40) / (1 - Math.Exp(-(v + 40) / 10));
        static double AlphaN(double v) => 0.01 * (v + 55) / (1 - Math.Exp(-(v + 55) / 10));
    }

    private static double Bisect(Func<double, bool> fires, double lo, double hi)
    {
        Assert.False(fires(lo));
        Assert.True(fires(hi));
        while (hi - lo > 1e-5)
        {
            var mid = 0.5 * (lo + hi);
            if (fires(mid)) hi = mid;
            else lo = mid;
        }
        return 0.5 * (lo + hi);
    }
}

using Cortex.Modules.Neurons;
using Xunit;

namespace Cortex.Modules.Tests;

/// <summary>
/// The "adex" model with the defaults of Brette &amp; Gerstner (2005) against Brian2
/// (tests/reference/brian2_adex.json, from tools/reference/brian2_adex.py: Euler at 0.001 ms).
/// </summary>
public class AdExTests
{
    private const double Dt = 0.1;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Spike_train_matches_Brian2(int run)
    {
        var reference = Reference.Load("brian2_adex.json").GetProperty("runs")[run];
        var current = reference.GetProperty("current_nA").GetDouble();
        var expected = Reference.Doubles(reference.GetProperty("spike_times_ms"));
        var duration = Reference.Load("brian2_adex.json").GetProperty("parameters").GetProperty("duration_ms").GetDouble();

        var times = Sim.SpikeTimes(Sim.Group(new AdEx(), Dt), Dt, duration, (float)current);

        // Spikes are stamped at the end of a step (up to dt late) and Euler on 0.05 ms substeps delays each
        // upswing by about 0.1 ms (1-3 % of these intervals).
        Assert.Equal(expected.Length, times.Count);
        Assert.InRange(times[0], expected[0] * 0.97 - Dt, expected[0] * 1.03 + Dt);
        var isi = Sim.Intervals(times);
        var expectedIsi = Sim.Intervals(expected);
        for (var i = 0; i < isi.Count; i++)
            Assert.InRange(isi[i], expectedIsi[i] * 0.98 - Dt, expectedIsi[i] * 1.02 + Dt);
    }

    [Fact]
    public void Step_current_gives_tonic_spiking_with_adaptation()
    {
        var times = Sim.SpikeTimes(Sim.Group(new AdEx(), Dt), Dt, 500, 1.0f);
        var isi = Sim.Intervals(times);

        Assert.True(isi.Count >= 10);
        for (var i = 1; i < isi.Count; i++)
            Assert.True(isi[i] >= isi[i - 1] - Dt - 1e-9, $"ISI {i} ({isi[i]} ms) shorter than ISI {i - 1} ({isi[i - 1]} ms)");
        Assert.True(isi[^1] > 2 * isi[0], $"last ISI {isi[^1]} ms vs first {isi[0]} ms");
        Assert.True(times[^1] > 450, "still firing at the end of the step");
    }

    [Theory]
    [InlineData(0.0805)]
    [InlineData(0.2)]
    public void Each_spike_increments_w_by_b(double b)
    {
        var model = new AdEx();
        var group = Sim.Group(model, Dt, ("b", b));
        var w = model.IndexOfVariable("w");
        var spikes = 0;
        for (var step = 0; step < 5000; step++)
        {
            var before = group.Get(w, 0);
            if (!group.Step(0, 1.5f)) continue;
            spikes++;
            // Over one step w also relaxes by at most dt/τ_w·|a(v − E_L) − w| < 1e-3 nA.
            Assert.InRange(group.Get(w, 0) - before, b - 1e-3, b + 1e-3);
        }
        Assert.True(spikes >= 10);
    }

    [Fact]
    public void Refractory_period_clamps_v_at_reset()
    {
        var model = new AdEx();
        var group = Sim.Group(model, Dt, ("tau_refrac", 2.0));
        var step = 0;
        while (!group.Step(0, 1.5f))
            Assert.True(++step < 10000, "no spike");
        for (var i = 0; i < 20; i++)
        {
            Assert.False(group.Step(0, 1.5f));
            Assert.Equal(-70.6f, group.Voltage(0));
        }
        group.Step(0, 1.5f);
        Assert.True(group.Voltage(0) > -70.6f);
    }

    [Fact]
    public void Rests_at_E_L_without_input()
    {
        var group = Sim.Group(new AdEx(), Dt);
        Assert.Empty(Sim.SpikeTimes(group, Dt, 500, 0));
        // The exponential term adds g_L·Δ_T·e^{−10.1} ≈ 2.5e-6 nA: 1e-4 mV.
        Assert.Equal(-70.6, group.Voltage(0), 1e-3);
    }
}

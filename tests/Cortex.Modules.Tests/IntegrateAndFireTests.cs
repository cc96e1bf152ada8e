using Cortex.Models;
using Cortex.Modules.Neurons;
using Xunit;

namespace Cortex.Modules.Tests;

public class IntegrateAndFireTests
{
    private const double Dt = 0.1;

    /// <summary>A perfect integrator climbs v_th − v_reset at slope I/c_m: ISI = c_m(v_th − v_reset)/I + t_ref.</summary>
    [Theory]
    [InlineData(0.1, 0.25, 2.0)]
    [InlineData(0.5, 0.25, 2.0)]
    [InlineData(2.0, 0.25, 0.0)]
    [InlineData(0.3, 1.0, 5.0)]
    public void Interspike_interval_matches_closed_form(double current, double cm, double tRef)
    {
        const double vReset = -65, vTh = -50;
        var expected = cm * (vTh - vReset) / current + tRef;

        var group = Sim.Group(new IntegrateAndFire(), Dt, ("cm", cm), ("tau_refrac", tRef));
        var times = Sim.SpikeTimes(group, Dt, 20 * expected, (float)current);

        var intervals = Sim.Intervals(times);
        Assert.True(intervals.Count >= 5, $"only {times.Count} spikes");
        // Every interval the same whole number of steps, the closed form rounded up to the step that crosses: a
        // one-step error (e.g. 21 refractory steps for 2 ms) fails.
        Assert.All(intervals, isi => Assert.Equal(intervals[0], isi, 1e-6));
        Assert.InRange(intervals[0], expected - 1e-6, expected + Dt + 1e-6);
    }

    [Fact]
    public void Without_input_the_potential_does_not_leak()
    {
        var group = Sim.Group(new IntegrateAndFire(), Dt);
        group.Set(0, 0, -55);
        Assert.Empty(Sim.SpikeTimes(group, Dt, 1000, 0));
        Assert.Equal(-55, group.Voltage(0));
    }

    [Fact]
    public void Reset_at_or_above_threshold_is_reported()
    {
        var model = new IntegrateAndFire();
        var values = new ParameterValues(model.Parameters, new Dictionary<string, double> { ["v_reset"] = -50 });
        Assert.Contains(model.Check(values), p => p.Parameter == "v_reset");
    }
}

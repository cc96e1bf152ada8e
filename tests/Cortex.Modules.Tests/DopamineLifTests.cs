using Cortex.Models;
using Cortex.Modules.Neurons;
using Xunit;

namespace Cortex.Modules.Tests;

/// <summary>
/// <c>lif_dopamine</c> is <c>lif</c> with its synaptic input scaled by max(0, 1 + da_gain·DA): checked against the LIF
/// closed-form interspike interval for the scaled current, and against plain <c>lif</c> stepped side by side.
/// </summary>
public class DopamineLifTests
{
    private const double Dt = 0.1;

    /// <summary>Steps one neuron with receptor current <paramref name="synaptic"/>, external current and a dopamine level.</summary>
    private static List<double> SpikeTimes(INeuronGroup group, double duration, float synaptic, float external, float dopamine)
    {
        var times = new List<double>();
        ReadOnlySpan<float> levels = [dopamine];
        for (var i = 1; i <= (int)Math.Round(duration / Dt); i++)
            if (group.Step(0, new NeuronInput(synaptic + external, external, default, default, levels))) times.Add(i * Dt);
        return times;
    }

    [Theory]
    [InlineData(0.3, 0.0, 1.0)]   // no dopamine: plain LIF
    [InlineData(0.3, 0.5, 1.0)]   // D1: gain 1.5
    [InlineData(0.3, 0.5, -1.0)]  // D2: gain 0.5, below rheobase (0.1875 nA): silent
    [InlineData(0.4, 0.25, -1.0)] // D2: gain 0.75
    public void InterspikeInterval_IsTheLifClosedForm_ForTheScaledCurrent(double synaptic, double dopamine, double gain)
    {
        const double tau = 20, cm = 0.25, vRest = -65, vTh = -50, tRef = 2;
        var current = Math.Max(0, 1 + gain * dopamine) * synaptic;
        var vInf = vRest + tau / cm * current;
        var group = Sim.Group(new DopamineLif(), Dt, ("da_gain", gain));
        var times = SpikeTimes(group, 400, (float)synaptic, 0, (float)dopamine);
        if (vInf <= vTh)
        {
            Assert.Empty(times);
            return;
        }
        var expected = tRef + tau * Math.Log((vInf - vRest) / (vInf - vTh));
        var intervals = Sim.Intervals(times);
        Assert.True(intervals.Count >= 3, $"only {times.Count} spikes");
        // Every interval the same whole number of steps, the closed form rounded up: a one-step error fails.
        Assert.All(intervals, isi => Assert.Equal(intervals[0], isi, 1e-6));
        Assert.InRange(intervals[0], expected - 1e-6, expected + Dt + 1e-6);
    }

    [Fact]
    public void ExternalCurrent_IsNotScaled()
    {
        // All of 0.3 nA external with a large dopamine gain behaves exactly as plain LIF under 0.3 nA.
        var modulated = SpikeTimes(Sim.Group(new DopamineLif(), Dt, ("da_gain", 3.0)), 300, 0, 0.3f, 1f);
        var plain = Sim.SpikeTimes(Sim.Group(new Lif(), Dt), Dt, 300, 0.3f);
        Assert.NotEmpty(plain);
        Assert.Equal(plain, modulated);
    }

    [Fact]
    public void TheGain_IsFlooredAtZero_SoDopamineNeverInvertsExcitation()
    {
        // Gain 1 − 2·1 would be −1 and turn 0.5 nA of excitation into inhibition; floored, the input vanishes and
        // the membrane stays at rest.
        var group = Sim.Group(new DopamineLif(), Dt, ("da_gain", -2.0));
        Assert.Empty(SpikeTimes(group, 100, 0.5f, 0, 1f));
        Assert.Equal(-65, group.Voltage(0), 1e-4);
    }

    [Fact]
    public void ReadsDopamine_AndSharesLifsParametersAndState()
    {
        var model = new DopamineLif();
        Assert.Equal(["dopamine"], model.Neuromodulators);
        Assert.Equal(new Lif().Parameters.Select(p => p.Name).Append("da_gain"), model.Parameters.Select(p => p.Name));
        Assert.Equal(new Lif().StateVariables.Select(v => v.Name), model.StateVariables.Select(v => v.Name));
    }
}

using Cortex.Models;

namespace Cortex.Modules.Tests;

/// <summary>Drives one neuron of a model directly, without a backend.</summary>
internal static class Sim
{
    public static INeuronGroup Group(NeuronModel model, double dt, params (string Name, double Value)[] overrides) =>
        model.CreateGroup(new ParameterValues(model.Parameters, overrides.ToDictionary(o => o.Name, o => o.Value)), 1, dt);

    /// <summary>Spike times (ms, end of the spiking step) of one neuron under a constant current for <paramref name="duration"/> ms.</summary>
    public static List<double> SpikeTimes(INeuronGroup group, double dt, double duration, float current)
    {
        var times = new List<double>();
        var steps = (int)Math.Round(duration / dt);
        for (var i = 1; i <= steps; i++)
            if (group.Step(0, current)) times.Add(i * dt);
        return times;
    }

    /// <summary>Steps one neuron with a summed input current only (what these single-neuron tests drive).</summary>
    public static bool Step(this INeuronGroup group, int neuron, float current) => group.Step(neuron, new NeuronInput(current));

    public static List<double> Intervals(IReadOnlyList<double> times)
    {
        var result = new List<double>();
        for (var i = 1; i < times.Count; i++) result.Add(times[i] - times[i - 1]);
        return result;
    }
}

namespace Cortex.Backends;

/// <summary>A run that cannot continue (e.g. NaN in a neuron's state); the message names population, neuron and time.</summary>
public sealed class SimulationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The one wording of the non-finite-state error, shared by all backends.</summary>
public static class NonFinite
{
    /// <summary>The error for neuron <paramref name="neuron"/> of a population whose membrane potential became <paramref name="value"/>.</summary>
    public static SimulationException InPopulation(string population, int neuron, float value, long step, double dt) => new(
        $"population '{population}' neuron {neuron}: membrane potential became {value} at t = {step * dt:0.###} ms (step {step}); " +
        "check the model's parameters and the size of its input");
}

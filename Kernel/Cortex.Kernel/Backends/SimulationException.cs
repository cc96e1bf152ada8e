namespace Cortex.Backends;

/// <summary>A run that cannot continue (e.g. NaN in a neuron's state); the message names population, neuron and time.</summary>
public sealed class SimulationException(string message, Exception? inner = null) : Exception(message, inner);

namespace Cortex.Recording;

/// <summary>
/// One spike: population index, neuron index within it, and the step whose update produced it
/// (time = step·dt, Brian2's convention: the spike happened during [t, t + dt]).
/// </summary>
public readonly record struct SpikeRecord(int Population, int Neuron, long Step);

namespace Cortex.Recording;

/// <summary>One sampled value of a state probe: probe index, neuron index, step, value in internal units.</summary>
public readonly record struct StateSample(int Probe, int Neuron, long Step, float Value);

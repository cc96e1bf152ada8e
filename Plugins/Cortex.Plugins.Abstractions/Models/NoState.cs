namespace Cortex.Models;

/// <summary>The state of a rule that keeps none at some level (e.g. no per-presynaptic-neuron trace).</summary>
public readonly struct NoState;

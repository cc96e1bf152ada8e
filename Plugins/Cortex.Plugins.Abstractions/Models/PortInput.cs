namespace Cortex.Models;

/// <summary>
/// What one receptor port delivers to a neuron during a step, evaluated at the membrane potential the
/// step starts from: <see cref="Current"/> (nA) is its whole contribution; a conductance-based receptor
/// also reports its conductance (µS) and reversal potential (mV), so a model can integrate it implicitly
/// or route it to a compartment of its own.
/// </summary>
public readonly record struct PortInput(float Current, float Conductance, float Reversal)
{
    /// <summary>A pure current (nA), no conductance.</summary>
    public static PortInput FromCurrent(float current) => new(current, 0, 0);

    /// <summary>A conductance g (µS) with reversal e (mV) at membrane potential v (mV): current g·(e − v).</summary>
    public static PortInput FromConductance(float g, float reversal, float v) => new(g * (reversal - v), g, reversal);
}

using Cortex.Learning.Surrogates;

namespace Cortex.Learning.Memristive;

/// <summary>
/// The parameters of a <see cref="VolatileMemristorNeuron"/>. Times are in time steps; voltages in units of the
/// memristor's switching threshold by default (V_th = 1).
/// </summary>
public sealed record VolatileMemristorOptions
{
    /// <summary>Membrane (RC) time constant τ: the capacitor closes 1 − exp(−1/τ) of the gap to the input per step.</summary>
    public double Tau { get; init; } = 2.0;

    /// <summary>
    /// Relaxation time constant τ_m of the volatile memristor back to its off state: after switching on, its state
    /// decays as exp(−t/τ_m). It sets how long the membrane stays shunted after a spike (relative refractoriness).
    /// </summary>
    public double MemristorTau { get; init; } = 1.0;

    /// <summary>The voltage across the device at which it switches on (the firing threshold).</summary>
    public double Threshold { get; init; } = 1.0;

    /// <summary>
    /// The fraction of the membrane charge a fully-on device drains in one step, G_on·Δt/C capped at 1; 1 empties
    /// the capacitor (the reset to 0 of an integrate-and-fire neuron).
    /// </summary>
    public double Shunt { get; init; } = 1.0;

    /// <summary>Abrupt (spikes 0/1, surrogate gradient) or smooth (analog, exact gradient) switching.</summary>
    public MemristorSwitching Switching { get; init; } = MemristorSwitching.Abrupt;

    /// <summary>β of the smooth switch σ(β·(h − V_th)); unused when switching is abrupt.</summary>
    public double Sharpness { get; init; } = 5.0;

    /// <summary>The pseudo-derivative of the abrupt switch.</summary>
    public SurrogateGradient Surrogate { get; init; } = new ArcTanSurrogate();

    /// <summary>Cut the switching event out of the device-state update in the backward pass (as detach_reset for LIF).</summary>
    public bool DetachReset { get; init; }

    /// <summary>Throws naming the option when a value is out of range.</summary>
    public void Validate()
    {
        Positive(Tau, nameof(Tau));
        Positive(MemristorTau, nameof(MemristorTau));
        Positive(Threshold, nameof(Threshold));
        Positive(Sharpness, nameof(Sharpness));
        if (!(Shunt > 0 && Shunt <= 1))
            throw new ArgumentOutOfRangeException(nameof(Shunt), Shunt, "shunt must be in (0, 1]");
        ArgumentNullException.ThrowIfNull(Surrogate);
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number");
    }
}

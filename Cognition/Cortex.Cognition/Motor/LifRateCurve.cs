namespace Cortex.Cognition.Motor;

/// <summary>
/// The steady firing rate of the kernel's <c>lif</c> neuron under a constant input current, the tuning-curve shape the
/// NEF decoders are fitted to. The kernel integrates the membrane exactly over a step and clamps it for
/// round(τ_ref/dt) steps after a spike, so for a constant current I the potential climbs from v_reset towards
/// v∞ = v_rest + R·I (R = τ_m/c_m) and crosses v_thresh after n = ⌈(τ_m/dt)·ln((v∞ − v_reset)/(v∞ − v_thresh))⌉
/// steps; the rate is 1/((n + round(τ_ref/dt))·dt). This is the textbook LIF rate
/// 1/(τ_ref + τ_m·ln(1 + (v_thresh − v_reset)/(v∞ − v_thresh))) (Eliasmith &amp; Anderson 2003, eq. 4.9) with the
/// times rounded to whole steps as the kernel does, so tuning curves match what the kernel's neurons fire.
/// </summary>
/// <param name="TauM">Membrane time constant (ms).</param>
/// <param name="Cm">Membrane capacitance (nF).</param>
/// <param name="VRest">Resting potential (mV).</param>
/// <param name="VReset">Reset potential (mV).</param>
/// <param name="VThresh">Threshold (mV).</param>
/// <param name="TauRefrac">Refractory period (ms).</param>
/// <param name="Dt">Simulation step (ms).</param>
public sealed record LifRateCurve(double TauM, double Cm, double VRest, double VReset, double VThresh, double TauRefrac, double Dt)
{
    /// <summary>The kernel <c>lif</c> defaults (20 ms, 0.25 nF, −65/−65/−50 mV, 2 ms) at step <paramref name="dt"/> (ms).</summary>
    public static LifRateCurve KernelDefaults(double dt) => new(20, 0.25, -65, -65, -50, 2, dt);

    /// <summary>Membrane resistance τ_m/c_m (MΩ, i.e. mV per nA).</summary>
    public double Resistance => TauM / Cm;

    /// <summary>The current (nA) below which the neuron never fires.</summary>
    public double ThresholdCurrent => (VThresh - VRest) / Resistance;

    private int RefractorySteps => (int)Math.Round(TauRefrac / Dt);

    /// <summary>Steady rate (Hz) under constant current <paramref name="current"/> (nA).</summary>
    public double Rate(double current)
    {
        var steady = VRest + Resistance * current;
        if (steady <= VThresh) return 0;
        var steps = Math.Max(1, Math.Ceiling(TauM / Dt * Math.Log((steady - VReset) / (steady - VThresh))));
        return 1000 / ((steps + RefractorySteps) * Dt);
    }

    /// <summary>The current (nA) that makes the continuous-time LIF fire at <paramref name="rate"/> (Hz): used to place gains.</summary>
    public double CurrentForRate(double rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var interval = 1000 / rate - RefractorySteps * Dt;
        if (interval <= 0) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"exceeds the refractory limit {1000 / (RefractorySteps * Dt):0} Hz");
        var k = Math.Exp(interval / TauM);
        var steady = (k * VThresh - VReset) / (k - 1);
        return (steady - VRest) / Resistance;
    }
}

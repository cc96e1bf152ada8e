using Cortex.Learning.Surrogates;

namespace Cortex.Learning.Neurons;

/// <summary>
/// What every spiking layer shares: threshold, reset and the surrogate. Voltages are in units of the
/// threshold by convention (θ = 1, v_reset = v_leak = 0), as in SpikingJelly and snnTorch.
/// </summary>
public sealed record NeuronOptions
{
    /// <summary>Spike threshold θ (initial value where it is learnable).</summary>
    public double Threshold { get; init; } = 1.0;

    /// <summary>Potential after a spike when <see cref="Reset"/> is <see cref="ResetMode.Zero"/>.</summary>
    public double VReset { get; init; }

    /// <summary>Resting (leak reversal) potential.</summary>
    public double VLeak { get; init; }

    /// <summary>Reset to <see cref="VReset"/> or by subtracting θ.</summary>
    public ResetMode Reset { get; init; } = ResetMode.Zero;

    /// <summary>
    /// Cut the reset out of the graph: gradients flow through the charge only, not through the spike's
    /// effect on the next membrane value (Zenke &amp; Vogels 2021 found this often trains better).
    /// </summary>
    public bool DetachReset { get; init; }

    /// <summary>The spike nonlinearity's pseudo-derivative.</summary>
    public SurrogateGradient Surrogate { get; init; } = new ArcTanSurrogate();

    /// <summary>Throws naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Threshold) || Threshold <= 0)
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be a positive finite number");
        if (!double.IsFinite(VReset) || !double.IsFinite(VLeak))
            throw new ArgumentOutOfRangeException(nameof(VReset), "v_reset and v_leak must be finite");
        if (Reset == ResetMode.Zero && VReset >= Threshold)
            throw new ArgumentOutOfRangeException(nameof(VReset), VReset, $"v_reset must be below the threshold ({Threshold})");
        ArgumentNullException.ThrowIfNull(Surrogate);
    }
}

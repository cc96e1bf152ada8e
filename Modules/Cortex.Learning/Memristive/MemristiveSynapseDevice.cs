using System.Globalization;

namespace Cortex.Learning.Memristive;

/// <summary>
/// The device model of a memristive synapse: a conductance that can only be programmed within
/// [<see cref="MinConductance"/>, <see cref="MaxConductance"/>] (µS), optionally to a limited number of levels and read
/// with noise. A signed weight is the difference of a pair of such devices, w = (G⁺ − G⁻)·WeightRange / (G_max − G_min),
/// so |w| ≤ <see cref="WeightRange"/>.
/// </summary>
public sealed record MemristiveSynapseDevice
{
    /// <summary>G_min, the fully-off (high-resistance) conductance, µS.</summary>
    public double MinConductance { get; init; } = 1;

    /// <summary>G_max, the fully-on (low-resistance) conductance, µS.</summary>
    public double MaxConductance { get; init; } = 100;

    /// <summary>The weight a pair at (G_max, G_min) represents: the crossbar's output scale.</summary>
    public double WeightRange { get; init; } = 1;

    /// <summary>Programmable conductance levels (2 or more), or 0 for an analog device.</summary>
    public int Levels { get; init; }

    /// <summary>σ of the Gaussian read noise on each conductance as a fraction of G_max − G_min (training forward passes only).</summary>
    public double ReadNoise { get; init; }

    /// <summary>G_max − G_min.</summary>
    public double ConductanceSpan => MaxConductance - MinConductance;

    /// <summary>Throws naming the option when a value is out of range.</summary>
    public void Validate()
    {
        if (!(MinConductance >= 0) || !double.IsFinite(MinConductance))
            throw new ArgumentOutOfRangeException(nameof(MinConductance), MinConductance, "g_min must be a finite number >= 0");
        if (!(MaxConductance > MinConductance) || !double.IsFinite(MaxConductance))
            throw new ArgumentOutOfRangeException(nameof(MaxConductance), MaxConductance,
                $"g_max must be finite and above g_min ({MinConductance.ToString(CultureInfo.InvariantCulture)})");
        if (!(WeightRange > 0) || !double.IsFinite(WeightRange))
            throw new ArgumentOutOfRangeException(nameof(WeightRange), WeightRange, "weight_range must be a positive finite number");
        if (Levels is 1 or < 0)
            throw new ArgumentOutOfRangeException(nameof(Levels), Levels, "levels must be 0 (analog) or at least 2");
        if (!(ReadNoise >= 0 && ReadNoise <= 1))
            throw new ArgumentOutOfRangeException(nameof(ReadNoise), ReadNoise, "read_noise must be in [0, 1]");
    }
}

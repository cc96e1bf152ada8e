namespace Cortex.Cognition.WorkingMemory;

/// <summary>
/// The angular footprint of the recurrent excitation in Compte et al. (2000, Cereb. Cortex 10:910, Methods):
/// W(Δθ) = J⁻ + (J⁺ − J⁻)·exp(−Δθ²/2σ²), with Δθ the distance on the ring in degrees. J⁻ is fixed by the
/// normalisation (1/360)∫W(θ)dθ = 1 over [−180°, 180°], so that the tuning only redistributes excitation and the mean
/// weight (hence the spontaneous state's mean field) does not depend on J⁺ or σ:
/// J⁻ = (1 − J⁺·t)/(1 − t), t = σ·√(2π)·erf(180/(√2·σ))/360.
/// </summary>
public sealed class RingFootprint
{
    /// <summary>The footprint with peak <paramref name="jPlus"/> and width <paramref name="sigmaDegrees"/>.</summary>
    public RingFootprint(double jPlus, double sigmaDegrees)
    {
        if (!(sigmaDegrees > 0)) throw new ArgumentOutOfRangeException(nameof(sigmaDegrees), sigmaDegrees, "must be > 0 degrees");
        if (!(jPlus >= 0)) throw new ArgumentOutOfRangeException(nameof(jPlus), jPlus, "must be >= 0");
        JPlus = jPlus;
        Sigma = sigmaDegrees;
        JMinus = JMinusFor(jPlus, sigmaDegrees);
        if (JMinus < 0) throw new ArgumentOutOfRangeException(nameof(jPlus), jPlus, $"too large for sigma {sigmaDegrees}°: the weight away from the peak (J-) would be negative ({JMinus:G3})");
    }

    /// <summary>J⁻ from the normalisation for a peak <paramref name="jPlus"/> and width <paramref name="sigmaDegrees"/> (negative when J⁺ is too large for σ).</summary>
    public static double JMinusFor(double jPlus, double sigmaDegrees)
    {
        var t = GaussianShare(sigmaDegrees);
        return (1 - jPlus * t) / (1 - t);
    }

    /// <summary>The weight between neurons with the same preferred angle.</summary>
    public double JPlus { get; }

    /// <summary>The weight between neurons far apart on the ring (from the normalisation).</summary>
    public double JMinus { get; }

    /// <summary>The Gaussian's width, degrees.</summary>
    public double Sigma { get; }

    /// <summary>The weight at angular distance <paramref name="deltaDegrees"/> (any sign, wrapped onto the ring).</summary>
    public double Weight(double deltaDegrees)
    {
        var d = Math.Abs(PopulationVector.Difference(deltaDegrees, 0));
        return JMinus + (JPlus - JMinus) * Math.Exp(-d * d / (2 * Sigma * Sigma));
    }

    // (1/360)·∫ exp(−θ²/2σ²) dθ over [−180, 180].
    private static double GaussianShare(double sigma) => sigma * Math.Sqrt(2 * Math.PI) * Erf(180 / (Math.Sqrt(2) * sigma)) / 360;

    /// <summary>The error function, Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7, ample for a normalisation).</summary>
    internal static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1 - poly * Math.Exp(-x * x));
    }
}

namespace Cortex.Cognition.WorkingMemory;

/// <summary>
/// The population-vector decoder of a ring of neurons (Georgopoulos et al. 1986; used for the bump by Compte et al.
/// 2000): each neuron votes with a unit vector at its preferred angle weighted by its rate, and the decoded angle is the
/// direction of the sum, atan2(Σ rᵢ·sin θᵢ, Σ rᵢ·cos θᵢ). Angles are in degrees.
/// </summary>
public static class PopulationVector
{
    /// <summary>
    /// The decoded angle in [0, 360) from <paramref name="rates"/> (any non-negative unit: spike counts will do) of
    /// neurons whose preferred angles are <paramref name="preferredDegrees"/>; NaN when the vector has no direction
    /// (all rates zero, or votes that cancel exactly).
    /// </summary>
    public static double Decode(ReadOnlySpan<double> rates, ReadOnlySpan<double> preferredDegrees)
    {
        if (rates.Length != preferredDegrees.Length)
            throw new ArgumentException($"{rates.Length} rates for {preferredDegrees.Length} preferred angles", nameof(rates));
        double x = 0, y = 0;
        for (var i = 0; i < rates.Length; i++)
        {
            var radians = preferredDegrees[i] * Math.PI / 180;
            x += rates[i] * Math.Cos(radians);
            y += rates[i] * Math.Sin(radians);
        }
        // Relative to the total vote, so that a bump decodes whatever the unit of the rates.
        var total = 0.0;
        foreach (var r in rates) total += Math.Abs(r);
        if (total == 0 || Math.Sqrt(x * x + y * y) <= 1e-12 * total) return double.NaN;
        return Wrap360(Math.Atan2(y, x) * 180 / Math.PI);
    }

    /// <summary>The signed difference <paramref name="a"/> − <paramref name="b"/> on the circle, in (−180, 180] degrees.</summary>
    public static double Difference(double a, double b)
    {
        var d = Wrap360(a - b);
        return d > 180 ? d - 360 : d;
    }

    /// <summary><paramref name="degrees"/> wrapped into [0, 360).</summary>
    public static double Wrap360(double degrees)
    {
        var w = degrees % 360;
        if (w < 0) w += 360;
        return w >= 360 ? 0 : w;
    }

    /// <summary>The preferred angle of neuron <paramref name="index"/> of <paramref name="count"/> spread evenly around the ring: 360·i/N.</summary>
    public static double PreferredAngle(int index, int count) => 360.0 * index / count;
}

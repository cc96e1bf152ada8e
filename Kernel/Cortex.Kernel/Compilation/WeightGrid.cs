namespace Cortex.Compilation;

/// <summary>
/// A grid of 65,536 weights, Offset + q·Step for q = 0 … 65,535, spanning one projection's drawn weights. The compiler
/// rounds every weight onto it and stores the rounded floats in the table, so the reference backend computes with them,
/// and a backend may keep only q (2 bytes instead of 4) and recover the identical float with <see cref="Value"/>.
/// </summary>
public sealed class WeightGrid
{
    private WeightGrid(double offset, double step, double worstRelativeError)
    {
        Offset = offset;
        Step = step;
        WorstRelativeError = worstRelativeError;
    }

    /// <summary>The smallest weight of the grid.</summary>
    public double Offset { get; }

    /// <summary>The spacing of the grid (0 when every weight is equal).</summary>
    public double Step { get; }

    /// <summary>The largest |rounded − drawn| / |drawn| over the projection (0 for drawn zeros), for reports.</summary>
    public double WorstRelativeError { get; }

    /// <summary>The weight at grid index <paramref name="q"/>; the one expression every backend uses, so the floats agree bit for bit.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public float Value(ushort q) => (float)(Offset + q * Step);

    /// <summary>The grid index of a weight already on the grid.</summary>
    public ushort IndexOf(float weight) => Step == 0 ? (ushort)0 : (ushort)Math.Clamp(Math.Round((weight - Offset) / Step), 0, ushort.MaxValue);

    /// <summary>Builds the grid spanning <paramref name="weights"/> and rounds each weight onto it in place.</summary>
    public static WeightGrid RoundOnto(float[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0) return new WeightGrid(0, 0, 0);
        var (min, max) = Range(weights);
        return RoundOnto(weights, min, max);
    }

    /// <summary>
    /// The smallest and largest of <paramref name="weights"/> (+∞, −∞ when empty): on one rank of several, the ranks
    /// combine their ranges so that all of them round onto the one grid a single process would build.
    /// </summary>
    public static (double Min, double Max) Range(ReadOnlySpan<float> weights)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var w in weights)
        {
            min = Math.Min(min, w);
            max = Math.Max(max, w);
        }
        return (min, max);
    }

    /// <summary>Builds the grid spanning [<paramref name="min"/>, <paramref name="max"/>] and rounds each weight onto it in place.</summary>
    public static WeightGrid RoundOnto(float[] weights, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!double.IsFinite(min) || !double.IsFinite(max)) return new WeightGrid(0, 0, 0);
        var provisional = new WeightGrid(min, (max - min) / ushort.MaxValue, 0);
        var worst = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var rounded = provisional.Value(provisional.IndexOf(weights[i]));
            if (weights[i] != 0) worst = Math.Max(worst, Math.Abs(rounded - weights[i]) / Math.Abs(weights[i]));
            weights[i] = rounded;
        }
        return new WeightGrid(min, provisional.Step, worst);
    }
}

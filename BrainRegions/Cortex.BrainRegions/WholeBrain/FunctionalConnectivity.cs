namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// Simulated functional connectivity (FC): the Pearson correlation between regions' rate series after Gaussian smoothing,
/// and its agreement with structure (FC–SC), the usual check of a whole-brain model (e.g. Honey et al. 2009, PNAS
/// 106:2035–2040, who correlate simulated FC with the structural weights over region pairs).
/// </summary>
public static class FunctionalConnectivity
{
    /// <summary>Each series convolved with a normalised Gaussian of <paramref name="sigmaBins"/> bins (truncated at 3σ, edges renormalised); 0 leaves it as is.</summary>
    public static double[][] Smooth(double[][] series, double sigmaBins)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (sigmaBins <= 0) return [.. series.Select(s => s.ToArray())];
        var half = (int)Math.Ceiling(3 * sigmaBins);
        var kernel = Enumerable.Range(-half, (2 * half) + 1).Select(k => Math.Exp(-0.5 * k * k / (sigmaBins * sigmaBins))).ToArray();
        return [.. series.Select(s =>
        {
            var smooth = new double[s.Length];
            for (var t = 0; t < s.Length; t++)
            {
                double sum = 0, weight = 0;
                for (var k = -half; k <= half; k++)
                {
                    if (t + k < 0 || t + k >= s.Length) continue;
                    sum += kernel[k + half] * s[t + k];
                    weight += kernel[k + half];
                }
                smooth[t] = sum / weight;
            }
            return smooth;
        })];
    }

    /// <summary>The N×N Pearson correlation matrix of <paramref name="series"/>; a constant series correlates 0 with every other (1 with itself).</summary>
    public static double[,] Correlation(double[][] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.Length;
        var centred = series.Select(s =>
        {
            var mean = s.Average();
            var c = s.Select(v => v - mean).ToArray();
            var norm = Math.Sqrt(c.Sum(v => v * v));
            return (Values: c, Norm: norm);
        }).ToArray();
        var fc = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            fc[i, i] = 1;
            for (var j = 0; j < i; j++)
            {
                var (a, b) = (centred[i], centred[j]);
                var r = a.Norm > 0 && b.Norm > 0 ? Dot(a.Values, b.Values) / (a.Norm * b.Norm) : 0;
                fc[i, j] = fc[j, i] = r;
            }
        }
        return fc;
    }

    /// <summary>
    /// Pearson correlation, over the region pairs i &lt; j, between <paramref name="fc"/>[i,j] and the symmetrised structural
    /// weight (W[i,j] + W[j,i]) / 2 (FC is symmetric, W is directed); NaN when either side is constant.
    /// </summary>
    public static double StructureCorrelation(double[,] fc, Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(fc);
        ArgumentNullException.ThrowIfNull(connectome);
        var f = new List<double>();
        var s = new List<double>();
        for (var i = 0; i < connectome.Count; i++)
            for (var j = i + 1; j < connectome.Count; j++)
            {
                f.Add(fc[i, j]);
                s.Add((connectome.Weight(i, j) + connectome.Weight(j, i)) / 2);
            }
        return Pearson(f, s);
    }

    /// <summary>Pearson correlation of two equally long samples; NaN when either is constant or they are shorter than 2.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"samples differ in length ({x.Count} and {y.Count})", nameof(y));
        if (x.Count < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < x.Count; k++)
        {
            var (dx, dy) = (x[k] - mx, y[k] - my);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }
}

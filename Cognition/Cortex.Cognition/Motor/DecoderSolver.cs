namespace Cortex.Cognition.Motor;

/// <summary>
/// NEF decoders by regularised least squares (Eliasmith &amp; Anderson 2003, §7.4; Nengo's <c>LstsqL2</c>): over sample
/// points xₛ with rate matrix A (samples × neurons) and targets f(xₛ), D = (AᵀA + S·σ²·I)⁻¹·Aᵀ·F with σ the
/// regularisation times the largest rate. The ridge term stands for the spike noise the decoders will see, so they do
/// not rely on fine differences between tuning curves.
/// </summary>
public static class DecoderSolver
{
    /// <summary>
    /// Decoders (neurons × outputs) that map <paramref name="ensemble"/>'s rates to <paramref name="function"/> over
    /// <paramref name="points"/>, with ridge <paramref name="regularization"/> (a fraction of the largest rate; Nengo uses 0.1).
    /// </summary>
    public static double[,] Solve(NefEnsemble ensemble, IReadOnlyList<double[]> points, Func<double[], double[]> function, double regularization)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(function);
        var n = ensemble.Count;
        var rates = points.Select(p => ensemble.Rates(p)).ToArray();
        var targets = points.Select(function).ToArray();
        var outputs = targets[0].Length;
        var gram = new double[n, n];
        var projected = new double[n, outputs];
        var largest = 0.0;
        foreach (var (a, f) in rates.Zip(targets))
        {
            for (var i = 0; i < n; i++)
            {
                if (a[i] == 0) continue;
                largest = Math.Max(largest, a[i]);
                for (var j = i; j < n; j++) gram[i, j] += a[i] * a[j];
                for (var k = 0; k < outputs; k++) projected[i, k] += a[i] * f[k];
            }
        }
        var sigma = regularization * largest;
        for (var i = 0; i < n; i++)
        {
            gram[i, i] += points.Count * sigma * sigma;
            for (var j = 0; j < i; j++) gram[i, j] = gram[j, i];
        }
        return CholeskySolve(gram, projected);
    }

    /// <summary>The decoded value Σᵢ aᵢ·dᵢ for rates (or filtered activities) <paramref name="activities"/>.</summary>
    public static double[] Decode(double[,] decoders, ReadOnlySpan<double> activities)
    {
        ArgumentNullException.ThrowIfNull(decoders);
        var result = new double[decoders.GetLength(1)];
        for (var i = 0; i < activities.Length; i++)
        {
            if (activities[i] == 0) continue;
            for (var k = 0; k < result.Length; k++) result[k] += activities[i] * decoders[i, k];
        }
        return result;
    }

    /// <summary>Root-mean-square error of the decoded function against <paramref name="function"/> over <paramref name="points"/> (per output, pooled).</summary>
    public static double Rmse(NefEnsemble ensemble, double[,] decoders, IReadOnlyList<double[]> points, Func<double[], double[]> function)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(function);
        var sum = 0.0;
        var terms = 0;
        foreach (var p in points)
        {
            var decoded = Decode(decoders, ensemble.Rates(p));
            var target = function(p);
            for (var k = 0; k < target.Length; k++)
            {
                sum += (decoded[k] - target[k]) * (decoded[k] - target[k]);
                terms++;
            }
        }
        return Math.Sqrt(sum / terms);
    }

    // Solves G·X = B for symmetric positive definite G (the ridge term guarantees it) by Cholesky factorisation.
    private static double[,] CholeskySolve(double[,] g, double[,] b)
    {
        var n = g.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = g[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (sum <= 0) throw new InvalidOperationException("the decoder system is not positive definite (regularisation 0 and too few sample points?)");
                    l[i, i] = Math.Sqrt(sum);
                }
                else l[i, j] = sum / l[j, j];
            }
        }
        var m = b.GetLength(1);
        var x = new double[n, m];
        for (var c = 0; c < m; c++)
        {
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                var sum = b[i, c];
                for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
                y[i] = sum / l[i, i];
            }
            for (var i = n - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < n; k++) sum -= l[k, i] * x[k, c];
                x[i, c] = sum / l[i, i];
            }
        }
        return x;
    }
}

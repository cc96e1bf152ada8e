namespace Cortex.Cognition.Decision;

/// <summary>
/// The Weibull psychometric function of two-alternative forced choice, P(c) = 1 − ½·exp(−(c/α)^β) (Quick 1974; the
/// form Wang 2002 and Roitman &amp; Shadlen 2002 fit), fitted to correct/total counts per coherence by maximum likelihood:
/// the binomial log-likelihood Σ k·ln P + (n − k)·ln(1 − P) is maximised over (ln α, ln β) by Nelder–Mead, started from
/// a grid. α is the coherence at which P = 1 − ½e⁻¹ ≈ 82 % correct; β the steepness.
/// </summary>
public static class WeibullFit
{
    /// <summary>Bounds of the fit: α between these coherences (fractions), β between 0.2 and 10.</summary>
    public const double MinAlpha = 1e-4, MaxAlpha = 10, MinBeta = 0.2, MaxBeta = 10;

    // P is kept away from 0.5 and 1 by this much so that the log-likelihood stays finite.
    private const double Clip = 1e-9;

    /// <summary>P(c) for threshold <paramref name="alpha"/> and slope <paramref name="beta"/>.</summary>
    public static double Probability(double coherence, double alpha, double beta) =>
        coherence <= 0 ? 0.5 : 1 - 0.5 * Math.Exp(-Math.Pow(coherence / alpha, beta));

    /// <summary>The binomial log-likelihood (without the constant binomial coefficients) of the counts.</summary>
    public static double LogLikelihood(IReadOnlyList<double> coherences, IReadOnlyList<int> correct, IReadOnlyList<int> totals, double alpha, double beta)
    {
        var sum = 0.0;
        for (var i = 0; i < coherences.Count; i++)
        {
            var p = Math.Clamp(Probability(coherences[i], alpha, beta), 0.5, 1 - Clip);
            sum += correct[i] * Math.Log(p) + (totals[i] - correct[i]) * Math.Log(1 - p);
        }
        return sum;
    }

    /// <summary>The maximum-likelihood (α, β) for <paramref name="correct"/> of <paramref name="totals"/> trials at each coherence (fractions).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, a count is impossible, or no positive coherence has trials.</exception>
    public static (double Alpha, double Beta) Fit(IReadOnlyList<double> coherences, IReadOnlyList<int> correct, IReadOnlyList<int> totals)
    {
        ArgumentNullException.ThrowIfNull(coherences);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(totals);
        if (correct.Count != coherences.Count || totals.Count != coherences.Count)
            throw new ArgumentException("one correct count and one total per coherence are needed");
        for (var i = 0; i < coherences.Count; i++)
            if (correct[i] < 0 || correct[i] > totals[i]) throw new ArgumentException($"coherence {coherences[i]}: {correct[i]} correct of {totals[i]} trials");
        if (!coherences.Where((c, i) => c > 0 && totals[i] > 0).Any())
            throw new ArgumentException("a Weibull fit needs trials at some positive coherence");

        double Cost(double logAlpha, double logBeta)
        {
            var alpha = Math.Exp(Math.Clamp(logAlpha, Math.Log(MinAlpha), Math.Log(MaxAlpha)));
            var beta = Math.Exp(Math.Clamp(logBeta, Math.Log(MinBeta), Math.Log(MaxBeta)));
            return -LogLikelihood(coherences, correct, totals, alpha, beta);
        }

        // A coarse grid finds the basin (the likelihood can be flat far from it), Nelder–Mead polishes.
        var best = (A: 0.0, B: 0.0, Cost: double.PositiveInfinity);
        for (var a = Math.Log(MinAlpha); a <= Math.Log(MaxAlpha); a += 0.25)
            for (var b = Math.Log(MinBeta); b <= Math.Log(MaxBeta); b += 0.2)
            {
                var cost = Cost(a, b);
                if (cost < best.Cost) best = (a, b, cost);
            }
        var (logA, logB) = NelderMead(Cost, best.A, best.B, 0.2);
        return (Math.Exp(Math.Clamp(logA, Math.Log(MinAlpha), Math.Log(MaxAlpha))), Math.Exp(Math.Clamp(logB, Math.Log(MinBeta), Math.Log(MaxBeta))));
    }

    // Nelder–Mead in two dimensions (reflection 1, expansion 2, contraction ½, shrink ½) until the simplex's costs agree.
    private static (double X, double Y) NelderMead(Func<double, double, double> f, double x0, double y0, double step)
    {
        var points = new (double X, double Y, double F)[] { (x0, y0, f(x0, y0)), (x0 + step, y0, f(x0 + step, y0)), (x0, y0 + step, f(x0, y0 + step)) };
        for (var iteration = 0; iteration < 500; iteration++)
        {
            Array.Sort(points, (p, q) => p.F.CompareTo(q.F));
            if (Math.Abs(points[2].F - points[0].F) < 1e-10 && Math.Abs(points[2].X - points[0].X) + Math.Abs(points[2].Y - points[0].Y) < 1e-8) break;
            var cx = (points[0].X + points[1].X) / 2;
            var cy = (points[0].Y + points[1].Y) / 2;
            (double X, double Y, double F) At(double t)
            {
                var x = cx + t * (points[2].X - cx);
                var y = cy + t * (points[2].Y - cy);
                return (x, y, f(x, y));
            }
            var reflected = At(-1);
            if (reflected.F < points[0].F)
            {
                var expanded = At(-2);
                points[2] = expanded.F < reflected.F ? expanded : reflected;
            }
            else if (reflected.F < points[1].F) points[2] = reflected;
            else
            {
                var contracted = reflected.F < points[2].F ? At(-0.5) : At(0.5);
                if (contracted.F < Math.Min(points[2].F, reflected.F)) points[2] = contracted;
                else
                    for (var i = 1; i < 3; i++)
                    {
                        var x = (points[0].X + points[i].X) / 2;
                        var y = (points[0].Y + points[i].Y) / 2;
                        points[i] = (x, y, f(x, y));
                    }
            }
        }
        Array.Sort(points, (p, q) => p.F.CompareTo(q.F));
        return (points[0].X, points[0].Y);
    }
}

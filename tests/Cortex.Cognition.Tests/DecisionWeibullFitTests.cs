using Cortex.Cognition.Decision;
using Cortex.Randomness;

namespace Cortex.Cognition.Tests;

/// <summary>The maximum-likelihood Weibull fit alone, on synthetic choices drawn from a known psychometric function.</summary>
public sealed class DecisionWeibullFitTests
{
    private static readonly double[] Coherences = [0, 0.032, 0.064, 0.128, 0.256, 0.512];

    [Theory]
    [InlineData(0.092, 1.5, 11UL)]
    [InlineData(0.05, 1.0, 12UL)]
    [InlineData(0.2, 2.5, 13UL)]
    public void RecoversAlphaAndBeta_FromSyntheticChoices(double alpha, double beta, ulong seed)
    {
        // 2000 trials per level: the standard errors of the ML estimates are a few per cent, so 10 % / 20 % bands hold.
        const int trials = 2000;
        var random = SeededRandom.Create(seed, (StreamDomain)1, 0, 0);
        var correct = new int[Coherences.Length];
        for (var i = 0; i < Coherences.Length; i++)
        {
            // The generator is written out here, independently of WeibullFit.Probability.
            var p = 1 - 0.5 * Math.Exp(-Math.Pow(Coherences[i] / alpha, beta));
            for (var t = 0; t < trials; t++) if (random.NextDouble() < p) correct[i]++;
        }
        var (fitAlpha, fitBeta) = WeibullFit.Fit(Coherences, correct, [.. Coherences.Select(_ => trials)]);
        Assert.InRange(fitAlpha, alpha * 0.9, alpha * 1.1);
        Assert.InRange(fitBeta, beta * 0.8, beta * 1.2);
    }

    [Fact]
    public void TheFit_IsAMaximumOfTheLikelihood()
    {
        int[] correct = [10, 12, 14, 17, 20, 20];
        int[] totals = [20, 20, 20, 20, 20, 20];
        var (alpha, beta) = WeibullFit.Fit(Coherences, correct, totals);
        var best = WeibullFit.LogLikelihood(Coherences, correct, totals, alpha, beta);
        // Every neighbour on a ±5 % grid in both parameters is no more likely.
        foreach (var da in (double[])[0.95, 1, 1.05])
            foreach (var db in (double[])[0.95, 1, 1.05])
                Assert.True(WeibullFit.LogLikelihood(Coherences, correct, totals, alpha * da, beta * db) <= best + 1e-9);
    }

    [Fact]
    public void Probability_IsHalfAtZeroAndOneMinusHalfOverEAtAlpha()
    {
        Assert.Equal(0.5, WeibullFit.Probability(0, 0.1, 1.5));
        Assert.Equal(1 - 0.5 / Math.E, WeibullFit.Probability(0.1, 0.1, 1.5), 12);
    }

    [Fact]
    public void ImpossibleCounts_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => WeibullFit.Fit([0.1], [5], [4]));
        Assert.Throws<ArgumentException>(() => WeibullFit.Fit([0], [2], [4]));
        Assert.Throws<ArgumentException>(() => WeibullFit.Fit([0.1, 0.2], [2], [4, 4]));
    }
}

using Cortex.Cognition.Bandit;

namespace Cortex.Cognition.Tests;

/// <summary>The environment alone: reward statistics, the reversal at half-way, and its contract.</summary>
public sealed class TwoArmedBanditTests
{
    [Fact]
    public void RewardRates_MatchTheProbabilitiesOfEachArmBeforeAndAfterTheSwap()
    {
        const int trials = 40_000;
        var bandit = new TwoArmedBandit(trials, 0.8, 0.2);
        bandit.Reset(17);
        // Alternate the arms so each arm is sampled ~10,000 times in each half.
        var pulls = new int[2, 2];
        var paid = new int[2, 2];
        for (var t = 0; t < trials; t++)
        {
            var arm = t % 2;
            var better = arm == bandit.BetterArm(t) ? 1 : 0;
            var half = t < bandit.SwapTrial ? 0 : 1;
            var outcome = bandit.Step(arm);
            pulls[half, better]++;
            if (outcome.Reward == 1) paid[half, better]++;
            else Assert.Equal(0, outcome.Reward);
        }
        for (var half = 0; half < 2; half++)
            for (var better = 0; better < 2; better++)
            {
                var p = better == 1 ? bandit.PGood : bandit.PBad;
                var n = pulls[half, better];
                var rate = (double)paid[half, better] / n;
                // Four standard errors of a binomial proportion: a correct environment fails this about once in 15,000 runs.
                var bound = 4 * Math.Sqrt(p * (1 - p) / n);
                Assert.True(Math.Abs(rate - p) <= bound, $"half {half}, {(better == 1 ? "better" : "worse")} arm: rate {rate:0.0000} over {n} pulls, expected {p} ± {bound:0.0000}");
            }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(200)]
    public void TheBetterArmSwapsExactlyHalfWay(int trials)
    {
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var bandit = new TwoArmedBandit(trials, 0.8, 0.2);
            bandit.Reset(seed);
            var first = bandit.BetterArm(0);
            for (var t = 0; t < trials; t++)
                Assert.Equal(t < trials / 2 ? first : 1 - first, bandit.BetterArm(t));
            Assert.Equal(trials / 2, bandit.SwapTrial);
        }
    }

    [Fact]
    public void WhichArmIsBetterFirst_IsDrawnFromTheSeed()
    {
        var firsts = new HashSet<int>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var bandit = new TwoArmedBandit(10, 0.8, 0.2);
            bandit.Reset(seed);
            firsts.Add(bandit.BetterArm(0));
        }
        Assert.Equal([0, 1], firsts.Order());
    }

    [Fact]
    public void AnEpisodeEndsAfterItsTrials_AndTheSameSeedGivesTheSameRewards()
    {
        var a = new TwoArmedBandit(30, 0.6, 0.4);
        var b = new TwoArmedBandit(30, 0.6, 0.4);
        a.Reset(5);
        b.Reset(5);
        for (var t = 0; t < 30; t++)
        {
            var arm = (t * 7) % 3 == 0 ? 1 : 0;
            var x = a.Step(arm);
            var y = b.Step(arm);
            Assert.Equal(x, y);
            Assert.Equal(t == 29, x.Done);
            Assert.Equal(t + 1, x.Observation.Trial);
        }
        Assert.Throws<InvalidOperationException>(() => a.Step(0));
        a.Reset(6);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Step(2));
    }
}

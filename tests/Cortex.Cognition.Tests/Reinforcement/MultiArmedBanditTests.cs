using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>The k-armed bandit: arms fixed by the problem seed, rewards by the episode seed, the optimal-choice count.</summary>
public sealed class MultiArmedBanditTests
{
    [Fact]
    public void ArmsAreFixedByTheProblemSeed_RewardsByTheEpisodeSeed()
    {
        var a = new MultiArmedBandit(10, 50, ArmRewards.Bernoulli, 1);
        Assert.Equal(a.Means, new MultiArmedBandit(10, 50, ArmRewards.Bernoulli, 1).Means);
        Assert.NotEqual(a.Means, new MultiArmedBandit(10, 50, ArmRewards.Bernoulli, 2).Means);
        Assert.All(a.Means, m => Assert.InRange(m, 0, 1));
        Assert.Equal(a.Means.Max(), a.Means[a.BestArm]);

        static List<double> Rewards(MultiArmedBandit bandit, ulong seed)
        {
            bandit.Reset(seed);
            return [.. Enumerable.Range(0, 50).Select(i => bandit.Step(i % 10).Reward)];
        }
        Assert.Equal(Rewards(a, 5), Rewards(a, 5));
        Assert.NotEqual(Rewards(a, 5), Rewards(a, 6));
    }

    [Theory]
    [InlineData(ArmRewards.Bernoulli)]
    [InlineData(ArmRewards.Gaussian)]
    public void EachArm_PaysItsMeanOnAverage(ArmRewards kind)
    {
        const int pulls = 20_000;
        var bandit = new MultiArmedBandit(4, pulls, kind, 3);
        for (var arm = 0; arm < 4; arm++)
        {
            bandit.Reset((ulong)arm);
            var rewards = Enumerable.Range(0, pulls).Select(_ => bandit.Step(arm).Reward).ToList();
            if (kind == ArmRewards.Bernoulli) Assert.All(rewards, r => Assert.True(r is 0 or 1));
            // Four standard errors of the mean (s.d. ≤ 0.5 for Bernoulli, 1 for Gaussian).
            Assert.InRange(rewards.Average(), bandit.Means[arm] - 4 / Math.Sqrt(pulls), bandit.Means[arm] + 4 / Math.Sqrt(pulls));
        }
    }

    [Fact]
    public void AnEpisodeIsThePulls_AndCountsTheOptimalChoices()
    {
        var bandit = new MultiArmedBandit(3, 4, ArmRewards.Gaussian, 8);
        Assert.Equal([1.0], bandit.Reset(1));
        var other = (bandit.BestArm + 1) % 3;
        int[] arms = [bandit.BestArm, other, bandit.BestArm, bandit.BestArm];
        var done = arms.Select(arm => bandit.Step(arm).Done).ToList();
        Assert.Equal([false, false, false, true], done);
        Assert.Equal(0.75, bandit.EpisodeStatistics["optimal_choices"]);
    }

    [Fact]
    public void InvalidAction_NamesTaskStepAndValue()
    {
        var bandit = new MultiArmedBandit(10, 20, ArmRewards.Bernoulli, 1);
        bandit.Reset(1);
        bandit.Step(9);
        var e = Assert.Throws<InvalidActionException>(() => bandit.Step(10));
        Assert.Contains("multi_armed_bandit: invalid action 10 at step 1", e.Message, StringComparison.Ordinal);
    }
}

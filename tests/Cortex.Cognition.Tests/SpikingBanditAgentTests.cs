namespace Cortex.Cognition.Tests;

/// <summary>
/// The spiking agent: it meets the issue's acceptance criterion, it owes that to learning (not to a lucky bias), and
/// its choices are reproducible and the same on both backends.
/// </summary>
public sealed class SpikingBanditAgentTests
{
    /// <summary>The acceptance criterion: <c>cortex task run bandit --seed S</c> scores at least 0.90 for seeds 1–5.</summary>
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    public void DefaultRun_ScoresAtLeast090_AfterTheReversal(ulong seed)
    {
        using var run = Runtime.Bandit.Create(Runtime.Context(seed));
        var result = run.RunEpisode(1);
        Assert.True(result.Score >= 0.90, $"seed {seed}: score {result.Score} ({string.Join(", ", result.Metrics.Select(m => $"{m.Key} {m.Value}"))})");
        // It learnt before the reversal too, and collected more than a random chooser would (0.5 per trial).
        Assert.True(result.Metrics["good_choices_before_swap"] >= 0.9, $"seed {seed}: {result.Metrics["good_choices_before_swap"]} before the swap");
        Assert.True(result.Metrics["reward_rate"] > 0.6, $"seed {seed}: reward rate {result.Metrics["reward_rate"]}");
        Assert.Equal(result.Return / result.Steps, result.Metrics["reward_rate"], 12);
    }

    /// <summary>
    /// Without plasticity the network keeps whatever preference its initial weights give it, which is right in one half
    /// and wrong in the other: about half its choices are good. So the score above comes from learning.
    /// </summary>
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void WithoutLearning_TheAgentCannotFollowTheReversal(ulong seed)
    {
        using var run = Runtime.Bandit.Create(Runtime.Context(seed, "cpu", ("eta", "0")));
        var result = run.RunEpisode(1);
        Assert.True(result.Metrics["good_choices"] < 0.75, $"seed {seed}: {result.Metrics["good_choices"]} good choices without learning");
    }

    [Fact]
    public void SameSeed_SameChoices_DifferentSeed_DifferentChoices()
    {
        var first = Runtime.Play(Runtime.Context(7, "cpu", ("trials", "60")));
        var again = Runtime.Play(Runtime.Context(7, "cpu", ("trials", "60")));
        var other = Runtime.Play(Runtime.Context(8, "cpu", ("trials", "60")));
        Assert.Equal(first.Choices, again.Choices);
        Assert.Equal(first.Counts, again.Counts);
        Assert.Equal(first.Rewards, again.Rewards);
        Assert.NotEqual(first.Counts, other.Counts);
    }

    [Fact]
    public void ReferenceAndCpuBackends_GiveIdenticalSpikeCountsAndChoices()
    {
        var cpu = Runtime.Play(Runtime.Context(3, "cpu", ("trials", "60")));
        var reference = Runtime.Play(Runtime.Context(3, "reference", ("trials", "60")));
        Assert.Equal(reference.Counts, cpu.Counts);
        Assert.Equal(reference.Choices, cpu.Choices);
        // Both arms were tried and the network was active: the comparison covered learning, not a silent network.
        Assert.Contains(cpu.Counts, c => c.Left + c.Right > 0);
        Assert.Equal(2, cpu.Choices.Distinct().Count());
    }

    [Fact]
    public void TheTaskRun_AndAHandPlayedSession_AgreeOnTheChoices()
    {
        // The EpisodicTaskRun wiring (seeds per episode and stream, Act → Step → Learn) is what a hand-played session does.
        var context = Runtime.Context(4, "cpu", ("trials", "40"));
        var played = Runtime.Play(context, episode: 2);
        using var run = Runtime.Bandit.Create(context);
        run.RunEpisode(1);
        var second = run.RunEpisode(2);
        Assert.Equal(played.Rewards.Sum(), second.Return);
        Assert.Equal(40, second.Steps);
        Assert.Equal(2, second.Episode);
    }
}

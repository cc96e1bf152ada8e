using Cortex.Cognition.Reinforcement;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>The five tasks' parameters (agent choice, prefixed agent parameters, bad settings) and their summary.</summary>
public sealed class ReinforcementTaskTests
{
    public static TheoryData<string> Tasks => new() { "cartpole", "mountain_car", "multi_armed_bandit", "grid_world", "flappy" };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void EveryTask_OffersTheAgentsByName_WithTheirPrefixedParameters(string name)
    {
        var task = Assert.IsAssignableFrom<ReinforcementTask>(Runtime.Registry.Tasks[name]);
        var agent = Assert.Single(task.Parameters, p => p.Name == "agent");
        Assert.Equal(ReinforcementAgents.All.Select(a => a.Name), agent.Choices);
        Assert.Contains(task.Parameters, p => p.Name == "eval_episodes");
        Assert.Contains(task.Parameters, p => p.Name == "rstdp_gamma");
        var values = task.ResolveParameters(new Dictionary<string, string> { ["agent"] = "RSTDP" });
        Assert.Equal("rstdp", task.Agent(values).Name);
    }

    [Theory]
    [InlineData("agent", "foo", "agent: expected one of rstdp, sg, got 'foo'")]
    [InlineData("agent", "3", "agent: expected one of rstdp, sg, got 3")]
    [InlineData("rstdp_value_min", "5", "rstdp_value_min: must be below value_max")]
    [InlineData("rstdp_tiles", "2.5", "rstdp_tiles: must be a whole number")]
    [InlineData("arms", "1", "arms: must be >= 2")]
    [InlineData("rewards", "poisson", "rewards: expected one of bernoulli, gaussian, got 'poisson'")]
    [InlineData("eval_episodes", "1.5", "eval_episodes: must be a whole number")]
    [InlineData("rstdp_etta", "1", "rstdp_etta: unknown parameter")]
    public void BadSettings_AreNamed(string key, string value, string message)
    {
        var task = Runtime.Registry.Tasks["multi_armed_bandit"];
        var e = Assert.Throws<TaskParameterException>(() => task.ResolveParameters(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void TasksSetTheirOwnAgentDefaults()
    {
        var cartPole = Runtime.Registry.Tasks["cartpole"].ResolveParameters(new Dictionary<string, string>());
        var bandit = Runtime.Registry.Tasks["multi_armed_bandit"].ResolveParameters(new Dictionary<string, string>());
        Assert.Equal(0.95, cartPole["rstdp_gamma"]);
        Assert.Equal(0, bandit["rstdp_gamma"]);
        Assert.Equal(100, cartPole["eval_episodes"]);
    }

    [Fact]
    public void TheSummaryScore_IsTheEvaluationReturn_OrTheTrainingMeanBeforeOne()
    {
        var task = Runtime.Registry.Tasks["cartpole"];
        EpisodeResult[] training = [new(1, 10, 10, 10), new(2, 30, 30, 30)];
        Assert.Equal(20, task.Summarize(training).Score);
        EpisodeResult[] evaluated = [training[0], training[1] with { Metrics = new Dictionary<string, double> { ["eval_return"] = 55, ["random_return"] = 21 } }];
        var summary = task.Summarize(evaluated);
        Assert.Equal(55, summary.Score);
        Assert.Equal(21, summary.Metrics["random_return"]);
        Assert.Equal(20, summary.Metrics["return"]);
    }

    [Fact]
    public void TheLastEpisode_CarriesTheEvaluationAndTheBaselineOnTheSameEpisodes()
    {
        var (episodes, summary) = ReinforcementRunner.Run("cartpole", 4, 2, 1, ("eval_episodes", "3"));
        Assert.DoesNotContain("eval_return", episodes[0].Metrics.Keys);
        foreach (var key in (string[])["eval_return", "random_return", "episodes_per_second", "train_seconds", "realtime_factor"])
            Assert.Contains(key, episodes[1].Metrics.Keys);
        Assert.Equal(episodes.Select(e => e.Return), episodes.Select(e => e.Score));
        // Every CartPole step pays 1, so the mean evaluation return is a mean episode length: at least 8 (the fastest fall), at most 500.
        Assert.InRange(summary.Metrics["random_return"], 8, 500);
        Assert.InRange(summary.Score, 8, 500);
    }
}

using System.Text.Json.Nodes;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex task run</c> with the reinforcement-learning tasks: metrics with the evaluation and its baseline, and bad agents.</summary>
public sealed class ReinforcementTaskCommandTests
{
    [Fact]
    public void MultiArmedBandit_TwoEpisodes_WritesTheEvaluationReturnAsTheScore()
    {
        using var dir = new TempDirectory();
        var output = dir.File("mab");
        var result = Cli.Run("task", "run", "multi_armed_bandit", "--episodes", "2", "--agent", "rstdp", "--set", "pulls=50", "--out", output);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!;
        var summary = metrics["summary"]!;
        var episodes = metrics["episodes"]!.AsArray();
        Assert.Equal(2, episodes.Count);
        var last = episodes[1]!["metrics"]!;
        Assert.Equal((double?)last["eval_return"], (double?)summary["score"]);
        // Bernoulli rewards over 50 pulls: a return is a count of wins.
        Assert.InRange((double)summary["score"]!, 0, 50);
        Assert.InRange((double)last["random_return"]!, 0, 50);
        Assert.True((double?)last["episodes_per_second"] > 0);
        Assert.True(File.Exists(Path.Combine(output, "learning_curve.png")));
    }

    [Theory]
    [InlineData("--set", "agent=foo", "agent: expected one of rstdp, sg, got 'foo'")]
    [InlineData("--agent", "sgd", "agent: expected one of rstdp, sg, got 'sgd'")]
    [InlineData("--set", "rstdp_value_min=30", "rstdp_value_min: must be below value_max")]
    public void ABadAgentSetting_ExitsWithBadInput_NamingTheKey(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("task", "run", "cartpole", option, value, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.Contains(message, result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_ListsTheFiveReinforcementTasks()
    {
        var result = Cli.Run("tasks");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var name in (string[])["cartpole", "mountain_car", "multi_armed_bandit", "grid_world", "flappy"])
            Assert.Contains($"task {name}:", result.Out, StringComparison.Ordinal);
    }
}

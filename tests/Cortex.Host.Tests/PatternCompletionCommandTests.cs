using System.Text.Json;
using Cortex.Learning.PatternCompletion;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex train</c> on a pattern-completion config (differentiable plasticity): it prints both learning
/// curves and the held-out completion, writes metrics.json and learning_curve.png, and bad settings are bad input.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class PatternCompletionCommandTests
{
    [Fact]
    public void Train_PatternCompletion_PrintsBothCurvesAndWritesMetricsAndFigure()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("patterns.json", Config());
        var output = dir.File("out");

        var result = Cli.Run("train", config, "--out", output);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("plastic network (w, alpha, eta learned; 289 parameters)", result.Out, StringComparison.Ordinal);
        Assert.Contains("non-plastic control (alpha = 0; 144 parameters)", result.Out, StringComparison.Ordinal);
        Assert.Contains("held-out agreement: plastic", result.Out, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(output, "learning_curve.png"))[..4]);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal(2, root.GetProperty("seed").GetInt32());
        Assert.StartsWith("cortex train", root.GetProperty("command").GetString(), StringComparison.Ordinal);
        foreach (var name in new[] { "plastic", "control" })
        {
            var network = root.GetProperty("networks").GetProperty(name);
            var curve = network.GetProperty("curve");
            // 16 episodes in batches of 4: 4 optimiser steps, one curve point each.
            Assert.Equal([4, 8, 12, 16], curve.EnumerateArray().Select(p => p.GetProperty("episodes").GetInt32()));
            var agreement = network.GetProperty("evaluation").GetProperty("agreement").GetDouble();
            Assert.InRange(agreement, 0, 1);
            // The printed summary is the recorded one.
            Assert.Contains($"{agreement:P1}", result.Out, StringComparison.Ordinal);
        }
        Assert.Equal(JsonValueKind.Null, root.GetProperty("networks").GetProperty("control").GetProperty("eta").ValueKind);
        Assert.True(root.GetProperty("networks").GetProperty("plastic").GetProperty("eta").GetDouble() > 0);
    }

    [Fact]
    public void Train_PatternCompletion_BadSettingOrOption_ExitsWithBadInputNamingIt()
    {
        using var dir = new TempDirectory();
        var badEta = dir.Write("eta.json", Config().Replace("\"eta\": 0.05", "\"eta\": 1.5", StringComparison.Ordinal));
        var result = Cli.Run("train", badEta, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains($"{badEta}: $.model.eta: must be > 0 and <= 1, got 1.5", Assert.Single(result.ErrorLines), StringComparison.Ordinal);

        var noPatterns = dir.Write("patterns.json", Config().Replace("\"patterns\": 3", "\"patterns\": 0", StringComparison.Ordinal));
        result = Cli.Run("train", noPatterns, "--out", dir.File("out"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("$.task.patterns: must be between 1 and 1000, got 0", Assert.Single(result.ErrorLines), StringComparison.Ordinal);

        result = Cli.Run("train", dir.Write("ok.json", Config()), "--resume", dir.File("last.ckpt"));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("--resume: a pattern-completion run keeps no checkpoints", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedExamples_ReadAsTheReadmeDescribesThem()
    {
        // The README's figures come from these two runs: 100 bits, 1000 episodes of 8; the paper's 1000 bits, one episode per step at 3e-4.
        var small = PatternCompletionConfig.Load(Path.Combine(AppContext.BaseDirectory, "examples", "learning", "pattern_completion.json"));
        Assert.Equal((100, 1000, 8, 0.003, 1, true), (small.Task.PatternSize, small.Episodes, small.BatchSize, small.LearningRate, small.Seed, small.Control));
        var paper = PatternCompletionConfig.Load(Path.Combine(AppContext.BaseDirectory, "examples", "learning", "pattern_completion_1000.json"));
        Assert.Equal((1000, 400, 1, 0.0003, 1, true), (paper.Task.PatternSize, paper.Episodes, paper.BatchSize, paper.LearningRate, paper.Seed, paper.Control));
        Assert.Equal(new PatternCompletionTask { PatternSize = 1000 }, paper.Task);   // otherwise the paper's timing, 5 patterns, half zeroed
    }

    /// <summary>A tiny run: 3 patterns of 12 bits, 16 episodes.</summary>
    internal static string Config() => """
        {
          "task": {"type": "pattern_completion", "patterns": 3, "pattern_size": 12, "presentation_steps": 2, "gap_steps": 1, "cycles": 1, "test_steps": 2},
          "model": {"eta": 0.05},
          "train": {"episodes": 16, "batch_size": 4, "lr": 0.01, "seed": 2, "threads": 1, "evaluation_episodes": 8}
        }
        """;
}

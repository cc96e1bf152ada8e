using System.Text.Json.Nodes;
using Cortex.Learning.PatternCompletion;
using Cortex.Learning.Plasticity;
using Cortex.Learning.Registry;

namespace Cortex.Learning.Tests;

/// <summary>Pattern-completion configs: a valid one reads as written, and each bad value gives one error naming its setting.</summary>
public sealed class PatternCompletionConfigTests
{
    private const string Valid = """
        {
          "description": "test",
          "task": {"type": "pattern_completion", "patterns": 4, "pattern_size": 30, "presentation_steps": 3, "gap_steps": 2,
                   "cycles": 1, "test_steps": 2, "degraded_fraction": 0.4, "input_gain": 10},
          "model": {"eta": 0.05, "rule": "oja", "init_scale": 0.02},
          "train": {"episodes": 40, "batch_size": 5, "lr": 0.002, "seed": 9, "threads": 1, "evaluation_episodes": 12, "control": false}
        }
        """;

    [Fact]
    public void A_valid_config_reads_every_setting()
    {
        var config = PatternCompletionConfig.Parse(Valid, "run");
        Assert.Equal("run", config.Name);
        Assert.Equal(new PatternCompletionTask { Patterns = 4, PatternSize = 30, PresentationSteps = 3, GapSteps = 2, Cycles = 1, TestSteps = 2, DegradedFraction = 0.4, InputGain = 10 }, config.Task);
        Assert.Equal(12, config.Task.MissingBits);
        Assert.Equal(new PlasticRecurrentOptions { Eta = 0.05, Rule = HebbianRule.Oja, InitScale = 0.02 }, config.Model);
        Assert.Equal((40, 5, 0.002, 9, (int?)1, 12, false), (config.Episodes, config.BatchSize, config.LearningRate, config.Seed, config.Threads, config.EvaluationEpisodes, config.Control));
        Assert.True(PatternCompletionConfig.Describes(Valid));
        Assert.False(PatternCompletionConfig.Describes("""{"data": {}, "model": {}, "train": {}}"""));
    }

    [Theory]
    [InlineData("model", "eta", "0", "$.model.eta: must be > 0 and <= 1, got 0")]
    [InlineData("model", "eta", "1.5", "$.model.eta: must be > 0 and <= 1, got 1.5")]
    [InlineData("model", "rule", "\"hebb\"", "$.model.rule: expected \"decaying\" or \"oja\", got \"hebb\"")]
    [InlineData("model", "plastic", "false", "$.model.plastic: unknown key")]
    [InlineData("task", "type", "\"xor\"", "$.task.type: expected \"pattern_completion\", got \"xor\"")]
    [InlineData("task", "patterns", "0", "$.task.patterns: must be between 1 and 1000, got 0")]
    [InlineData("task", "pattern_size", "1", "$.task.pattern_size: must be between 2 and 100000")]
    [InlineData("task", "presentation_steps", "0", "$.task.presentation_steps: must be between 1 and 1000, got 0")]
    [InlineData("task", "gap_steps", "-1", "$.task.gap_steps: must be between 0 and 1000, got -1")]
    [InlineData("task", "cycles", "0", "$.task.cycles: must be between 1 and 100, got 0")]
    [InlineData("task", "test_steps", "0", "$.task.test_steps: must be between 1 and 1000, got 0")]
    [InlineData("task", "degraded_fraction", "1", "$.task.degraded_fraction: must zero at least one and keep at least one of the 30 bits")]
    [InlineData("task", "degraded_fraction", "0.01", "$.task.degraded_fraction: must zero at least one and keep at least one of the 30 bits")]
    [InlineData("task", "input_gain", "0", "$.task.input_gain: must be a finite number > 0, got 0")]
    [InlineData("task", "patterns", "2.5", "$.task.patterns: expected a whole number, got 2.5")]
    [InlineData("train", "episodes", "0", "$.train.episodes: must be between 1 and 10000000, got 0")]
    [InlineData("train", "batch_size", "0", "$.train.batch_size: must be between 1 and 4096, got 0")]
    [InlineData("train", "lr", "0", "$.train.lr: must be > 0 and <= 10, got 0")]
    [InlineData("train", "threads", "0", "$.train.threads: must be between 1 and 1024, got 0")]
    [InlineData("train", "evaluation_episodes", "0", "$.train.evaluation_episodes: must be between 1 and 1000000, got 0")]
    [InlineData("train", "epochs", "3", "$.train.epochs: unknown key")]
    public void A_bad_value_gives_one_error_naming_the_setting(string section, string key, string value, string message)
    {
        var document = JsonNode.Parse(Valid)!;
        document[section]![key] = JsonNode.Parse(value);
        var error = Assert.Throws<LearningConfigException>(() => PatternCompletionConfig.Parse(document.ToJsonString(), "run"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Missing_sections_are_named()
    {
        var document = JsonNode.Parse(Valid)!.AsObject();
        document.Remove("train");
        Assert.StartsWith("$.train: is required", Assert.Throws<LearningConfigException>(() => PatternCompletionConfig.Parse(document.ToJsonString(), "run")).Message, StringComparison.Ordinal);
        document.Remove("task");
        Assert.StartsWith("$.task: is required", Assert.Throws<LearningConfigException>(() => PatternCompletionConfig.Parse(document.ToJsonString(), "run")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_built_in_code_are_checked_too()
    {
        var config = PatternCompletionConfig.Parse(Valid, "run");
        Assert.Equal("patterns", Assert.Throws<ArgumentOutOfRangeException>(() => (config with { Task = config.Task with { Patterns = 0 } }).Validate()).ParamName);
        Assert.Equal("Eta", Assert.Throws<ArgumentOutOfRangeException>(() => (config with { Model = config.Model with { Eta = 2 } }).Validate()).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => (config with { BatchSize = 0 }).Validate()).ParamName);
    }
}

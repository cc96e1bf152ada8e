using Cortex.Cognition.Bandit;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>Task parameters as the command line sets them: units, rules, whole numbers and "did you mean".</summary>
public sealed class TaskParameterTests
{
    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings) => settings.ToDictionary(s => s.Key, s => s.Value);

    [Fact]
    public void ValuesWithUnits_AreConvertedToInternalUnits()
    {
        var values = Runtime.Bandit.ResolveParameters(Settings(("trial", "0.08 s"), ("trials", "120"), ("bias", "150 pA")));
        var settings = BanditSettings.From(values);
        Assert.Equal(80, settings.TrialMs, 9);
        Assert.Equal(120, settings.Trials);
        Assert.Equal(0.15, settings.Bias, 9);
        // Everything not set keeps its default.
        var defaults = BanditSettings.From(Runtime.Bandit.ResolveParameters(Settings()));
        Assert.Equal(defaults with { TrialMs = 80, Trials = 120, Bias = 0.15 }, settings);
    }

    [Theory]
    [InlineData("trils", "100", "trils: unknown parameter (did you mean 'trials'?)")]
    [InlineData("trial", "50", "trial: expected a time")]
    [InlineData("trial", "fifty ms", "trial: 'fifty ms' is not a number")]
    [InlineData("p_good", "1.5", "p_good: must be between 0 and 1")]
    [InlineData("trials", "10.5", "trials: must be a whole number")]
    [InlineData("p_good", "0.1", "p_good: must exceed p_bad")]
    public void BadSettings_AreNamed(string key, string value, string message)
    {
        var e = Assert.Throws<TaskParameterException>(() => Runtime.Bandit.ResolveParameters(Settings((key, value))));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("task 'bandit': ", e.Message, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void EveryBadSetting_IsReportedAtOnce()
    {
        var e = Assert.Throws<TaskParameterException>(() => Runtime.Bandit.ResolveParameters(Settings(("trils", "1"), ("iti", "-5 ms"), ("dt", "1 mV"))));
        Assert.Equal(["dt", "iti", "trils"], e.Errors.Select(x => x.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DerivedSeeds_DifferPerEpisodeAndStream_AndDependOnlyOnTheSeed()
    {
        var seeds = new HashSet<ulong>();
        for (var episode = 1; episode <= 20; episode++)
            for (var stream = 0; stream < 3; stream++)
                Assert.True(seeds.Add(TaskSeeds.Derive(42, episode, stream)));
        Assert.Equal(TaskSeeds.Derive(42, 3, 1), TaskSeeds.Derive(42, 3, 1));
        Assert.NotEqual(TaskSeeds.Derive(42, 3, 1), TaskSeeds.Derive(43, 3, 1));
    }

    [Fact]
    public void TheSummary_IsTheMeanScoreWithTheMeanOfEachMetric()
    {
        EpisodeResult[] episodes =
        [
            new(1, 0.5, 10, 4) { Metrics = new Dictionary<string, double> { ["x"] = 1, ["only_first"] = 3 } },
            new(2, 1.0, 20, 4) { Metrics = new Dictionary<string, double> { ["x"] = 3 } },
        ];
        var summary = Runtime.Bandit.Summarize(episodes);
        Assert.Equal(0.75, summary.Score, 12);
        Assert.Equal(2.0, summary.Metrics["x"], 12);
        Assert.Equal(15.0, summary.Metrics["return"], 12);
        Assert.Equal(0.5, summary.Metrics["score_min"]);
        Assert.Equal(1.0, summary.Metrics["score_max"]);
        Assert.False(summary.Metrics.ContainsKey("only_first"));
        Assert.True(double.IsNaN(Runtime.Bandit.Summarize([]).Score));
    }
}

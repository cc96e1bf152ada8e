using Cortex.Tasks;

namespace Cortex.GuideExamples.Tests;

/// <summary>guide_reach: the registered task runs episodes on a closed-loop session and scores them; both backends agree.</summary>
public sealed class ReachTaskTests
{
    [Fact]
    public void Runs_episodes_and_reports_a_score()
    {
        var results = GuideRuntime.Backends.ToDictionary(b => b, b => Episodes(b, 3));
        Assert.Equal(results["reference"].Select(e => (e.Score, e.Steps)), results["cpu"].Select(e => (e.Score, e.Steps)));
        foreach (var episode in results["cpu"])
        {
            // The controller steers straight to the target: as many moves as the distance, score 1.
            Assert.Equal(1.0, episode.Score);
            Assert.Equal(episode.Metrics["distance"], episode.Steps);
            Assert.Equal(1.0, episode.Return);
        }
        Assert.Equal(1.0, GuideRuntime.Registry.Tasks["guide_reach"].Summarize(results["cpu"]).Score);
    }

    [Fact]
    public void Without_drive_it_never_reaches_the_target_and_scores_zero()
    {
        var episode = Episodes("cpu", 1, new Dictionary<string, string> { ["gain"] = "0 nA", ["max_moves"] = "4" })[0];
        Assert.Equal(0.0, episode.Score);
        Assert.Equal(4, episode.Steps);
    }

    private static List<EpisodeResult> Episodes(string backend, int count, Dictionary<string, string>? settings = null)
    {
        var task = GuideRuntime.Registry.Tasks["guide_reach"];
        var context = new TaskContext
        {
            Seed = 42, Parameters = task.ResolveParameters(settings ?? []), Registry = GuideRuntime.Registry,
            Backend = GuideRuntime.Registry.GetBackend(backend),
        };
        using var run = task.Create(context);
        return [.. Enumerable.Range(1, count).Select(e => run.RunEpisode(e))];
    }
}

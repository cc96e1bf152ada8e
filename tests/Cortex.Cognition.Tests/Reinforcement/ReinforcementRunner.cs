using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>Runs a reinforcement-learning task by name as <c>cortex task run</c> does: its episodes in order, then its summary.</summary>
internal static class ReinforcementRunner
{
    public static (List<EpisodeResult> Episodes, TaskSummary Summary) Run(string name, ulong seed, int episodes, int threads = 1, params (string Key, string Value)[] settings)
    {
        var task = Runtime.Registry.Tasks[name];
        var context = new TaskContext
        {
            Seed = seed,
            Parameters = task.ResolveParameters(settings.ToDictionary(s => s.Key, s => s.Value)),
            Registry = Runtime.Registry,
            Backend = Runtime.Registry.GetBackend("cpu"),
            Episodes = episodes,
            Threads = threads,
        };
        using var run = task.Create(context);
        var results = Enumerable.Range(1, episodes).Select(e => run.RunEpisode(e)).ToList();
        return (results, task.Summarize(results));
    }
}

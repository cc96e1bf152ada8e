using Cortex.BrainRegions;
using Cortex.Cognition.Bandit;
using Cortex.Hardware.Cpu;
using Cortex.Modules;
using Cortex.Registry;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>The built-in plugins the tasks need (models, circuits, CPU backend, the tasks), as the host loads them.</summary>
internal static class Runtime
{
    private static readonly Lazy<CortexRuntime> Shared = new(() => CortexRuntime.Create([new ModulesPlugin(), new BrainRegionsPlugin(), new CpuBackendPlugin(), new CognitionPlugin()]));

    public static ComponentRegistry Registry => Shared.Value.Registry;

    public static TaskModel Bandit => Registry.Tasks["bandit"];

    /// <summary>A context for the bandit with <paramref name="settings"/> (key=value as on the command line) over the defaults.</summary>
    public static TaskContext Context(ulong seed, string backend = "cpu", params (string Key, string Value)[] settings) => new()
    {
        Seed = seed,
        Parameters = Bandit.ResolveParameters(settings.ToDictionary(s => s.Key, s => s.Value)),
        Registry = Registry,
        Backend = Registry.GetBackend(backend),
    };

    /// <summary>
    /// A context for task <paramref name="task"/> with <paramref name="settings"/> (key=value as on the command line) over its
    /// defaults, writing extra files into <paramref name="outputDirectory"/> when given.
    /// </summary>
    public static TaskContext TaskContext(string task, ulong seed, int threads = 1, string? outputDirectory = null, params (string Key, string Value)[] settings) => new()
    {
        Seed = seed,
        Parameters = Registry.Tasks[task].ResolveParameters(settings.ToDictionary(s => s.Key, s => s.Value)),
        Registry = Registry,
        Backend = Registry.GetBackend("cpu"),
        Threads = threads,
        OutputDirectory = outputDirectory,
    };

    /// <summary>Plays one session of the bandit with the spiking agent by hand: every choice and the spike counts behind it.</summary>
    public static (List<int> Choices, List<(int Left, int Right)> Counts, List<double> Rewards) Play(TaskContext context, int episode = 1)
    {
        var settings = BanditSettings.From(context.Parameters);
        var bandit = new TwoArmedBandit(settings.Trials, settings.PGood, settings.PBad);
        using var agent = new SpikingBanditAgent(context, settings);
        var cue = bandit.Reset(context.DeriveSeed(episode, 0));
        agent.Reset(context.DeriveSeed(episode, 1));
        var choices = new List<int>();
        var counts = new List<(int, int)>();
        var rewards = new List<double>();
        while (true)
        {
            var arm = agent.Act(cue);
            choices.Add(arm);
            counts.Add((agent.LastCounts[0], agent.LastCounts[1]));
            var outcome = bandit.Step(arm);
            agent.Learn(outcome.Reward);
            rewards.Add(outcome.Reward);
            if (outcome.Done) break;
            cue = outcome.Observation;
        }
        return (choices, counts, rewards);
    }
}

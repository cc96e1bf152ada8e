using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Partitioning;
using Cortex.Randomness;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Tasks;

/// <summary>
/// What a task run gets from its caller: the seed, its resolved parameters, the registry to compile specs against, the
/// backend to open closed-loop sessions on, and where it may write files of its own. Every random draw of a run
/// derives from <see cref="Seed"/> (see <see cref="DeriveSeed"/>), so the same seed gives the same run.
/// </summary>
public sealed class TaskContext
{
    /// <summary>The run's master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The task's parameters: the defaults with the caller's settings applied, in internal units.</summary>
    public required ParameterValues Parameters { get; init; }

    /// <summary>The registered components, for <see cref="Compile"/> (models, rules and circuits are named in specs).</summary>
    public required ComponentRegistry Registry { get; init; }

    /// <summary>The backend sessions are opened on (the command line's <c>--backend</c>).</summary>
    public required IBackend Backend { get; init; }

    /// <summary>
    /// Episodes the caller will run (the command line's <c>--episodes</c>), so that a run which learns across episodes
    /// knows which is its last (e.g. to evaluate the learned policy after it).
    /// </summary>
    public int Episodes { get; init; } = 1;

    /// <summary>Worker threads for compilation and the backend; results do not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The device to run on (the command line's <c>--device</c>, see <see cref="BackendOptions.Device"/>); null for the backend's default.</summary>
    public string? Device { get; init; }

    /// <summary>A folder the run may write extra files to (created by the caller), or null when it should write none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Receives progress within episodes (for a progress bar); may be null.</summary>
    public IProgress<EpisodeProgress>? Progress { get; init; }

    /// <summary>Compiles <paramref name="spec"/> against <see cref="Registry"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="SpecValidationException">The spec has problems (a bug in the task, or a parameter it passed on unchecked).</exception>
    public CompiledNetwork Compile(NetworkSpec spec, string? source = null) => new NetworkCompiler(Registry).Compile(spec, Ranks, Threads, source);

    /// <summary>
    /// Which part of each network this process compiles: the whole network, or one rank's part when the run is spread
    /// over MPI ranks (every rank then runs the same task from the same seed, and <see cref="Backend"/> exchanges spikes).
    /// </summary>
    public RankSelection Ranks { get; init; } = RankSelection.Whole;

    /// <summary>Opens <paramref name="network"/> on <see cref="Backend"/> for closed-loop driving, recording into <paramref name="sinks"/> (none by default).</summary>
    public ClosedLoopSession Open(CompiledNetwork network, IReadOnlyList<IRecordingSink>? sinks = null) =>
        ClosedLoopSession.Open(network, Backend, new BackendOptions { Threads = Threads, Device = Device }, sinks);

    /// <summary>
    /// A seed for one part of one episode (e.g. stream 0 for the environment, 1 for the agent), independent of every
    /// other (episode, stream) pair and fixed by <see cref="Seed"/>.
    /// </summary>
    public ulong DeriveSeed(int episode, int stream = 0) => TaskSeeds.Derive(Seed, episode, stream);
}

/// <summary>Where an episode is: for progress bars that show the running return.</summary>
/// <param name="Episode">The episode number (1-based).</param>
/// <param name="Step">Environment steps done in the episode.</param>
/// <param name="Steps">Steps the episode will take, when the environment knows (a bandit's trial count); else null.</param>
/// <param name="Return">Reward summed so far in the episode.</param>
public readonly record struct EpisodeProgress(int Episode, int Step, int? Steps, double Return);

/// <summary>Seeds for tasks, derived like every other random stream in Cortex.</summary>
public static class TaskSeeds
{
    // A domain of its own, distinct from the compiler's streams (StreamDomain values are small integers).
    private const StreamDomain TaskDomain = (StreamDomain)0x7461736b; // "task"

    /// <summary>A seed for (episode, stream) of a run with master seed <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, int episode, int stream = 0)
    {
        var random = SeededRandom.Create(seed, TaskDomain, episode, stream);
        return random.NextUInt64();
    }

    /// <summary>A random stream for a task's own draws (an agent's input spikes, an environment's rewards) from one derived seed.</summary>
    public static SeededRandom Random(ulong seed, int stream = 0) => SeededRandom.Create(seed, TaskDomain, -1, stream);
}

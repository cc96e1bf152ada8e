using System.CommandLine;
using System.Diagnostics;
using Cortex.Backends;
using Cortex.Hardware.Mpi;
using Cortex.Partitioning;
using Cortex.Spec;
using Cortex.Tasks;

namespace Cortex.Host.Commands.Tasks;

/// <summary>
/// <c>cortex task run NAME</c>: runs a registered task's episodes in closed loop and writes metrics.json (rewritten
/// after every episode, atomically) and learning_curve.png. Unknown task, bad <c>--set</c> or backend: exit 2; a task
/// that throws: exit 3 with the completed episodes kept.
/// </summary>
internal static class TaskCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "Task name (see 'cortex tasks')" };
        var seed = new Option<ulong>("--seed") { Description = "Master seed: the same seed gives the same run", DefaultValueFactory = _ => 1 };
        var episodes = new Option<int?>("--episodes") { Description = "Episodes to run (default: the task's own)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default out/tasks/NAME)" };
        var settings = new Option<string[]>("--set")
        {
            Description = "Set a task parameter, e.g. --set trials=400 --set iti='300 ms' (repeatable; see 'cortex tasks')",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.OneOrMore,
        };
        var backend = new Option<string>("--backend") { Description = BackendChoice.BackendDescription, DefaultValueFactory = _ => "cpu" };
        var device = BackendChoice.DeviceOption();
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it)", DefaultValueFactory = _ => 1 };
        var run = new Command("run", "Run a task's episodes; writes metrics.json and learning_curve.png. Task parameters: --NAME VALUE or --set NAME=VALUE")
        {
            name, seed, episodes, output, settings, backend, device, threads,
        };
        // Task parameters are the task's own, so they arrive as unmatched "--name value" tokens.
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parse, _) => Task.FromResult(ErrorReporting.Guard(console, () =>
        {
            var request = new TaskRequest
            {
                Name = parse.GetValue(name)!, Seed = parse.GetValue(seed), Episodes = parse.GetValue(episodes), OutputDirectory = parse.GetValue(output),
                Settings = [.. parse.GetValue(settings) ?? [], .. TaskParameterOptions.ToSettings(parse.UnmatchedTokens)], Backend = parse.GetValue(backend)!, Device = parse.GetValue(device), Threads = parse.GetValue(threads),
                CommandLine = string.Join(" ", ["cortex", .. parse.Tokens.Select(t => t.Value)]),
            };
            try
            {
                Execute(request, console, console.Stopping);
                return ExitCodes.Ok;
            }
            catch (TaskCancelledException e)
            {
                console.Fail(e.Message);
                return console.StopExitCode() ?? ExitCodes.RunFailed;
            }
        })));
        return new Command("task", "Run cognitive tasks (see 'cortex tasks')") { run };
    }

    /// <summary>Runs one request; returns the output folder.</summary>
    /// <exception cref="UsageException">Bad arguments: unknown task, bad --set, --episodes or --threads.</exception>
    /// <exception cref="PluginFailureException">The task threw; metrics.json keeps the episodes completed before.</exception>
    public static string Execute(TaskRequest request, CliConsole console, CancellationToken cancellationToken = default)
    {
        try
        {
            return ExecuteOnThisRank(request, console, cancellationToken);
        }
        catch (UsageException) when (MpiLaunch.AnnouncedSize() is > 1 && Mpi.DistributedRun.World() is { Rank: > 0 })
        {
            // Every rank finds the same bad input; rank 0 reports it once, and all end with MPI finalized (no abort banner).
            MpiWorld.Shutdown(ExitCodes.BadInput);
            Environment.Exit(ExitCodes.BadInput);
            throw;
        }
    }

    private static string ExecuteOnThisRank(TaskRequest request, CliConsole console, CancellationToken cancellationToken)
    {
        if (request.Threads < 1) throw new UsageException($"--threads must be >= 1, got {request.Threads}");
        if (request.Episodes is < 1) throw new UsageException($"--episodes must be >= 1, got {request.Episodes}");
        var wall = Stopwatch.StartNew();
        // Under mpirun every rank runs this same program (SPMD, as NEST does): the same environment from the same seed,
        // the agent's network spread over the ranks; rank 0 prints and writes the files.
        var world = Mpi.DistributedRun.World();
        if (world is not null)
        {
            world.Stopping = cancellationToken;
            if (world.Rank != 0) console = new CliConsole(TextWriter.Null, console.Error);
        }
        using var catalog = RunPipeline.CreateRuntime(console);
        var registry = catalog.Registry;
        if (!registry.Tasks.TryGetValue(request.Name, out var task))
        {
            var hint = EditDistance.Closest(request.Name, registry.Tasks.Keys);
            var available = registry.Tasks.Count == 0 ? "none" : string.Join(", ", registry.Tasks.Keys.Order(StringComparer.Ordinal));
            throw new UsageException($"unknown task '{request.Name}'{(hint is null ? "" : $" (did you mean '{hint}'?)")} (available: {available})");
        }
        var parameters = ResolveSettings(task, request.Settings);
        var backend = BackendChoice.Resolve(registry, request.Backend, console);
        // Checks --device against the backend's devices before the first episode.
        BackendChoice.Options(backend, request.Threads, request.Device);
        if (world is not null)
        {
            if (task.WhyNotDistributed is { } why) throw new UsageException($"task '{task.Name}' cannot run on {world.Size} MPI ranks: {why}; run it on one process");
            backend = new MpiBackend(backend, world);
        }
        var episodes = request.Episodes ?? task.DefaultEpisodes;
        var directory = request.OutputDirectory ?? Path.Combine("out", "tasks", task.Name);
        Directory.CreateDirectory(directory);

        var report = new TaskReport(directory, task, request, parameters, backend.Name, episodes) { Writes = world is not { Rank: > 0 } };
        // A curve left by an earlier run in this folder would pass for this run's until its first episode ends.
        if (report.Writes) File.Delete(Path.Combine(directory, TaskReport.CurveFile));
        report.Write(0, TaskReport.Running);
        var plugin = catalog.Plugins.FirstOrDefault(p => p.Plugin.GetType().Assembly == task.GetType().Assembly);
        console.Out.WriteLine($"task {task.Name} ({plugin?.Name ?? "?"}): {episodes} episode{(episodes == 1 ? "" : "s")}, seed {request.Seed}, backend '{backend.Name}'"
                              + (request.Settings.Count > 0 ? $", {string.Join(", ", request.Settings)}" : ""));

        using var tracking = catalog.TrackExceptions();
        var view = new TaskProgressView(console, task, episodes);
        try
        {
            view.Run(progress =>
            {
                var context = new TaskContext
                {
                    Seed = request.Seed, Parameters = parameters, Registry = registry, Backend = backend, Threads = request.Threads, Device = request.Device, Episodes = episodes,
                    OutputDirectory = report.Writes ? directory : null, Progress = progress, Ranks = world?.Selection() ?? RankSelection.Whole,
                };
                using var run = task.Create(context);
                for (var episode = 1; episode <= episodes; episode++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var clock = Stopwatch.StartNew();
                    var result = run.RunEpisode(episode, cancellationToken);
                    report.Add(result, clock.Elapsed.TotalSeconds);
                    // Rewritten after every episode, so a run that fails later keeps everything so far.
                    report.Write(wall.Elapsed.TotalSeconds, TaskReport.Running);
                    view.EpisodeDone(result, report.Summary);
                }
            });
        }
        catch (OperationCanceledException)
        {
            report.Write(wall.Elapsed.TotalSeconds, TaskReport.Cancelled, "cancelled");
            throw new TaskCancelledException($"task '{task.Name}' was cancelled after {report.Episodes.Count} episode{(report.Episodes.Count == 1 ? "" : "s")}; what was completed is in {Path.Combine(directory, TaskReport.MetricsFile)}");
        }
        catch (UnsupportedComponentException)
        {
            // The backend cannot run the task's network (e.g. its plasticity rule): a wrong --backend, not a failing task.
            report.Write(wall.Elapsed.TotalSeconds, TaskReport.Failed, $"backend '{backend.Name}' cannot run this task");
            throw;
        }
        catch (Exception e) when (e is not (UsageException or OutOfMemoryException))
        {
            // The task's plugin is answerable for whatever its run threw, even from kernel code it called (a spec it built wrong).
            var blame = catalog.Blame(e);
            var culprit = blame?.Culprit ?? (plugin is null ? "the host" : $"plugin '{plugin.Name}' ({plugin.Assembly.Path})");
            var thrown = blame?.Thrown ?? e;
            var failure = $"{thrown.GetType().Name}: {thrown.Message}";
            report.Write(wall.Elapsed.TotalSeconds, TaskReport.Failed, failure);
            var done = report.Episodes.Count;
            throw new PluginFailureException(
                $"task '{task.Name}' failed in episode {done + 1}: {culprit} threw {failure}; " +
                $"{Path.Combine(directory, TaskReport.MetricsFile)} keeps the {done} episode{(done == 1 ? "" : "s")} completed", e);
        }
        report.Write(wall.Elapsed.TotalSeconds, TaskReport.Completed);
        view.PrintSummary(report.Summary, report.Episodes.Count);
        console.Out.WriteLine($"wrote {Path.Combine(directory, TaskReport.MetricsFile)}{(report.HasCurve ? $", {TaskReport.CurveFile}" : "")} in {wall.Elapsed.TotalSeconds:0.0} s");
        return directory;
    }

    /// <summary>Ctrl+C stopped the run; metrics.json keeps the completed episodes.</summary>
    private sealed class TaskCancelledException(string message) : Exception(message);

    /// <summary>Parses <c>key=value</c> settings and resolves them against the task's parameters.</summary>
    /// <exception cref="UsageException">A setting is malformed, repeated, unknown or out of range; the message names it.</exception>
    internal static Cortex.Models.ParameterValues ResolveSettings(TaskModel task, IReadOnlyList<string> settings)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new UsageException($"--set '{setting}': expected key=value, e.g. --set trials=400");
            var key = setting[..equals].Trim();
            if (!values.TryAdd(key, setting[(equals + 1)..])) throw new UsageException($"--set '{key}' is given twice");
        }
        try
        {
            return task.ResolveParameters(values);
        }
        catch (TaskParameterException e)
        {
            throw new UsageException($"--set: {e.Message}");
        }
    }
}

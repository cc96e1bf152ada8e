using System.Diagnostics;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Cpu;
using Cortex.Host.Diagnostics;
using Cortex.Modules;
using Cortex.Plots;
using Cortex.Plugins.Loading;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using Spectre.Console;

namespace Cortex.Host.Commands;

/// <summary>
/// describe → compile → run → record → look, for one spec file: the whole data flow behind
/// <c>cortex run</c> and <c>cortex demo</c>.
/// </summary>
internal static class RunPipeline
{
    /// <summary>Runs one spec; <paramref name="loadContexts"/>, when given, receives the plugins' load contexts (for --watch to check they are released).</summary>
    public static RunSummary Execute(RunRequest request, CliConsole console, ICollection<WeakReference>? loadContexts = null)
    {
        if (request.Threads < 1) throw new UsageException($"--threads must be >= 1, got {request.Threads}");
        return Execute(request, console, ApplyOverrides(SpecJson.Load(request.SpecPath), request), loadContexts).Summary;
    }

    /// <summary>
    /// Runs a spec built in code (<c>cortex brain</c>) through the same compile → run → record path as a spec file;
    /// <see cref="RunRequest.SpecPath"/> only names it in messages. The recorded spikes come back with the summary, so a
    /// command that analyses them further does not read the spike file a second time.
    /// </summary>
    public static RecordedRun Execute(RunRequest request, CliConsole console, NetworkSpec spec, ICollection<WeakReference>? loadContexts = null)
    {
        if (request.Threads < 1) throw new UsageException($"--threads must be >= 1, got {request.Threads}");
        using var catalog = CreateRuntime(console);
        StartupTrace.Mark("plugins loaded");
        foreach (var context in catalog.LoadContexts) loadContexts?.Add(context);
        using var tracking = catalog.TrackExceptions();
        try
        {
            return Execute(request, console, spec, catalog);
        }
        catch (Exception e) when (IsUnexpected(e) && catalog.Blame(e) is { } blame)
        {
            var thrown = blame.Thrown ?? e;
            throw new PluginFailureException(
                $"{blame.Culprit} threw {thrown.GetType().Name}: {thrown.Message}; the run stopped " +
                (Directory.Exists(request.OutputDirectory) ? $"and what was recorded before is in {request.OutputDirectory}" : "before it started"), e);
        }
        catch (Exception e) when (e is UnknownComponentException or SpecValidationException && catalog.Faults.Count > 0)
        {
            throw new UsageException($"{e.Message}\n({catalog.Faults.Count} plugin{(catalog.Faults.Count == 1 ? " was" : "s were")} refused; see the warnings above)");
        }
    }

    private static bool IsUnexpected(Exception e) => e is not (SimulationException or RecordingException or SpecValidationException or SpecFormatException or UnsupportedComponentException or BackendUnavailableException
        or UnknownComponentException or UsageException or OperationCanceledException or IOException or UnauthorizedAccessException);

    private static RecordedRun Execute(RunRequest request, CliConsole console, NetworkSpec spec, PluginCatalog catalog)
    {
        if (Mpi.DistributedRun.World() is { } world) return Mpi.DistributedRun.Execute(request, console, spec, catalog, world);
        WeightsOutput.CheckWritable(request);
        var backend = BackendChoice.Resolve(catalog.Registry, request.Backend, console);
        var options = BackendChoice.Options(backend, request.Threads, request.Device);
        // Compilation validates again and reports the errors; here only what is valid but likely unintended is shown.
        var validator = new SpecValidator(catalog.Registry);
        if (validator.Validate(spec).Count == 0) foreach (var warning in validator.Warnings) console.Warn($"{request.SpecPath}: {warning}");

        var buildClock = Stopwatch.StartNew();
        var network = new NetworkCompiler(catalog.Registry).Compile(spec, request.Threads, request.SpecPath);
        buildClock.Stop();
        StartupTrace.Mark("network compiled");

        Directory.CreateDirectory(request.OutputDirectory);
        // Positions beside the spikes, so a viewer can draw the run. Written on a background task (the first Parquet write
        // JIT-compiles Parquet.Net) while the backend is built and the recorder warms up, and finished before the
        // simulation's clock starts: on a 2-core machine its JIT would otherwise compete with the first simulated steps
        // and count as their time. Waited for even when the run fails, so a stopped run keeps its layout too.
        var layoutWrite = Task.Run(() => ParquetLayoutFile.Write(request.OutputDirectory, NetworkLayout.From(network, request.Placements, request.Bundles)));
        void FinishLayout() => ((IAsyncResult)layoutWrite).AsyncWaitHandle.WaitOne();
        // The summary's statistics and plots read the spikes from memory: reading spikes.parquet back would cost a
        // second pass and the JIT of the Parquet reader (about a tenth of a second of a short run's wall time).
        var kept = new MemorySink("the spikes kept for the summary");
        var sinks = new List<IRecordingSink> { new ParquetSpikeSink(request.OutputDirectory), kept };
        if (network.StateProbes.Count > 0) sinks.Add(new ParquetStateSink(request.OutputDirectory));
        sinks.AddRange(request.ExtraSinks);

        request.Compiled?.Invoke(network);
        var header = $"{spec.Name}: {network.Populations.Sum(p => p.Size):N0} neurons, {network.SynapseCount:N0} synapses, " +
                     $"{network.Steps:N0} steps of {network.Dt} ms on '{backend.Name}'{(request.Device is null ? "" : $" device {request.Device}")} ({request.Threads} thread{(request.Threads == 1 ? "" : "s")}); built in {buildClock.Elapsed.TotalSeconds:0.00} s";
        SimulationResult result;
        try
        {
            result = RunWithProgress(network, backend, options, sinks, console, header, FinishLayout, StuckStep(console, request.OutputDirectory), WeightsOutput.After(request, console));
        }
        catch (OperationCanceledException e) when (StopRequest.Requested(console))
        {
            // The runner has completed the recordings; say where they are.
            throw StopRequest.Stopped(console, $"the run was stopped before its end; the spikes recorded until then are in {request.OutputDirectory}", e);
        }
        finally
        {
            foreach (var sink in sinks) sink.Dispose();
            FinishLayout();
        }
        layoutWrite.GetAwaiter().GetResult();
        StartupTrace.Mark("simulation done, recordings closed");

        var summary = RunSummary.From(network, result, backend.Name, request.Threads, buildClock.Elapsed.TotalSeconds);
        var spikes = kept.Spikes;
        var statistics = SpikeTrainStatistics.Compute(network, spikes, 0, result.Steps);
        summary = summary.WithIrregularity(statistics);
        File.WriteAllText(Path.Combine(request.OutputDirectory, "summary.json"), summary.ToJson());
        StartupTrace.Mark("summary.json written");
        if (request.Plot) WritePlots(request.OutputDirectory, network, summary, spikes, statistics);
        PrintSummary(console, summary, request.OutputDirectory);
        StartupTrace.Mark("summary printed");
        return new RecordedRun(summary, spikes);
    }

    /// <summary>
    /// Loads the built-in plugins and every plugin on the console's search path into a runtime; each refused plugin is
    /// reported as one warning line (unless <paramref name="reportFaults"/> is false) and the rest carry on. Dispose the
    /// result to unload the plugins.
    /// </summary>
    public static PluginCatalog CreateRuntime(CliConsole console, bool reportFaults = true)
    {
        var catalog = Cortex.Hosting.CortexComposition.Create(o =>
        {
            o.SearchPath = console.PluginSearch;
        });
        if (!reportFaults) return catalog;
        foreach (var fault in catalog.Faults) console.Warn(fault.Message);
        foreach (var warning in catalog.Warnings) console.Warn(warning);
        return catalog;
    }

    private static NetworkSpec ApplyOverrides(NetworkSpec spec, RunRequest request)
    {
        var simulation = spec.Simulation;
        if (request.Seed is null && request.Duration is null) return spec;
        // The section as written first, so run accepts only what validate does: an override never stands in for an
        // invalid value. Then the override, under the same rule.
        if (SpecValidator.CheckSimulation(simulation) is { Count: > 0 } written)
            throw new SpecValidationException(written, request.SpecPath);
        if (request.Seed is { } seed) simulation = simulation with { Seed = seed };
        if (request.Duration is { } text)
        {
            simulation = simulation with { Duration = TimeOption.Parse("--duration", text) };
            if (SpecValidator.CheckSimulation(simulation).FirstOrDefault(e => e.Path == "simulation.duration") is { } problem)
                throw new UsageException($"--duration {text}: {problem.Message}");
        }
        return spec with { Simulation = simulation };
    }

    /// <summary>How long a step may take to return after Ctrl+C or SIGTERM before the run is abandoned.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

    // A step that does not return after a stop (a plugin's model stuck in a loop): the runner closes the recordings from
    // a watchdog thread, then the process exits with the signal's code; the stuck thread cannot be interrupted.
    private static StuckStepPolicy StuckStep(CliConsole console, string outputDirectory) => new(StopGrace, () =>
    {
        console.Error.WriteLine($"stopped: the step in progress did not return within {StopGrace.TotalSeconds:0} s of the signal (a model stuck in a loop?); " +
                                $"the recordings are closed with everything recorded before it, in {outputDirectory}");
        console.Error.Flush();
        Environment.Exit(console.StopExitCode() ?? ExitCodes.Interrupted);
    });

    // Without a terminal the header comes when the loop is about to start (the backend built, the recorder ready), so a
    // script that waits for it knows the simulation is running.
    // beforeClock runs when the backend and the recorder are ready, just before the simulation's clock starts.
    private static SimulationResult RunWithProgress(CompiledNetwork network, IBackend backend, BackendOptions options, List<IRecordingSink> sinks, CliConsole console,
        string header, Action beforeClock, StuckStepPolicy stuck, Action<ClosedLoopSession>? finished)
    {
        if (!console.Interactive)
        {
            var nextReport = 0.1;
            return SimulationRunner.Run(network, backend, options, sinks, new InlineProgress(p =>
            {
                if (p.StepsDone == 0)
                {
                    beforeClock();
                    StartupTrace.Mark("step 0 (backend and recorder ready)");
                    console.Out.WriteLine(header);
                    return;
                }
                if (p.StepsDone == p.TotalSteps) StartupTrace.Mark("last step done");
                if (p.Fraction + 1e-9 < nextReport && p.StepsDone < p.TotalSteps) return;
                console.Out.WriteLine($"  {p.Fraction,4:P0}  t = {p.StepsDone * p.Dt:0} ms  real-time factor {p.RealTimeFactor:0.00} (wall/biological)  ETA {p.Remaining.TotalSeconds:0.0} s");
                nextReport = Math.Floor(p.Fraction * 10 + 1e-9) / 10 + 0.1;
            }), finished: finished, cancellationToken: console.Stopping, stuck: stuck);
        }
        console.Out.WriteLine(header);
        SimulationResult? result = null;
        console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("simulating", maxValue: network.Steps);
                result = SimulationRunner.Run(network, backend, options, sinks, new InlineProgress(p =>
                {
                    if (p.StepsDone == 0) beforeClock();
                    task.Value = p.StepsDone;
                    task.Description = $"t = {p.StepsDone * p.Dt:0} ms, real-time factor {p.RealTimeFactor:0.00}";
                }), finished: finished, cancellationToken: console.Stopping, stuck: stuck);
            });
        return result!;
    }

    // raster.png, and rates.png (per-neuron rates per recorded population) when some population was recorded.
    private static void WritePlots(string directory, CompiledNetwork network, RunSummary summary, IReadOnlyList<SpikeRecord> spikes,
        IReadOnlyList<PopulationSpikeStatistics?> statistics)
    {
        RasterPlot.Save(Path.Combine(directory, "raster.png"), spikes, network.Layout, summary.DurationMs);
        var recorded = network.Populations.Where(p => statistics[p.Index] is { NeuronRates.Length: > 0 })
            .Select(p => new PopulationRates(p.Name, statistics[p.Index]!.NeuronRates)).ToList();
        var ratesPath = Path.Combine(directory, "rates.png");
        if (recorded.Count > 0) RateBoxPlot.Save(ratesPath, recorded);
        else File.Delete(ratesPath); // not a previous run's figure beside this run's raster
    }

    internal static void PrintSummary(CliConsole console, RunSummary summary, string directory)
    {
        var table = new Table().AddColumns("population", "neurons", "spikes", "rate (Hz)", "ISI CV");
        foreach (var p in summary.Populations)
            table.AddRow(Markup.Escape(p.Name), $"{p.Size:N0}", $"{p.Spikes:N0}", $"{p.RateHz:0.00}", p.IsiCv is { } cv ? $"{cv:0.00}" : "–");
        table.AddRow("all", $"{summary.Populations.Sum(p => p.Size):N0}", $"{summary.Populations.Sum(p => p.Spikes):N0}", $"{summary.MeanRateHz:0.00}", "");
        console.Ansi.Write(table);
        console.Out.WriteLine($"simulated {summary.DurationMs:0} ms in {summary.SimulationSeconds:0.00} s (real-time factor {summary.RealTimeFactor:0.00}, wall / biological time), build {summary.BuildSeconds:0.00} s");
        console.Out.WriteLine($"wrote {Path.Combine(directory, "spikes.parquet")}, layout.parquet, summary.json{(File.Exists(Path.Combine(directory, "raster.png")) ? ", raster.png" : "")}{(File.Exists(Path.Combine(directory, "rates.png")) ? ", rates.png" : "")}");
    }

    /// <summary>Progress callback run on the reporting thread (Progress&lt;T&gt; would post to a sync context).</summary>
    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}

using System.Diagnostics;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hardware.Mpi;
using Cortex.Partitioning;
using Cortex.Plugins.Loading;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Host.Commands.Mpi;

/// <summary>
/// <c>cortex run</c> on one rank of <c>mpirun -n R</c>: every rank compiles its part of the network (its neurons and the
/// synapses onto them), runs it on the requested backend inside an <see cref="MpiBackend"/>, and records into
/// <c>OUT/rank-R/</c>; rank 0 prints progress and the summary and merges the recordings into <c>OUT/spikes.parquet</c>.
/// </summary>
internal static class DistributedRun
{
    /// <summary>The world of this process when it was launched by mpirun with more than one rank; null otherwise.</summary>
    public static MpiWorld? World()
    {
        if (MpiLaunch.AnnouncedSize() is not > 1) return null;
        try
        {
            var world = MpiWorld.Initialize();
            // A launcher's variables without a real multi-rank world (a singleton MPI_Init) is a one-process run.
            return world.Size > 1 ? world : null;
        }
        catch (MpiException e)
        {
            throw new UsageException($"launched by mpirun, but MPI cannot start: {e.Message}");
        }
    }

    public static RecordedRun Execute(RunRequest request, CliConsole console, NetworkSpec spec, PluginCatalog catalog, MpiWorld world)
    {
        world.Stopping = console.Stopping;
        var quiet = world.Rank == 0 ? console : new CliConsole(TextWriter.Null, console.Error);
        var inner = catalog.Registry.GetBackend(request.Backend);
        var backend = new MpiBackend(inner, world);
        var buildClock = Stopwatch.StartNew();
        CompiledNetwork network;
        try
        {
            network = new NetworkCompiler(catalog.Registry).Compile(spec, world.Selection(), request.Threads, request.SpecPath);
        }
        catch (SpecValidationException) when (world.Rank != 0)
        {
            // Every rank finds the same problem; rank 0 reports it once, and all end with MPI finalized (no abort banner).
            MpiWorld.Shutdown(ExitCodes.BadInput);
            Environment.Exit(ExitCodes.BadInput);
            throw;
        }
        buildClock.Stop();
        var synapses = world.Sum([network.SynapseCount])[0];

        var rankDirectory = RecordingMerge.RankDirectory(request.OutputDirectory, world.Rank);
        Directory.CreateDirectory(rankDirectory);
        var sinks = new List<IRecordingSink> { new ParquetSpikeSink(rankDirectory) };
        if (network.StateProbes.Count > 0) sinks.Add(new ParquetStateSink(rankDirectory));
        var options = new BackendOptions { Threads = request.Threads };
        quiet.Out.WriteLine($"{spec.Name}: {network.Layout.PopulationSizes.Sum():N0} neurons, {synapses:N0} synapses, {network.Steps:N0} steps of {network.Dt} ms " +
                            $"on {world.Size} MPI ranks × '{inner.Name}' ({request.Threads} thread{(request.Threads == 1 ? "" : "s")} each), epoch {network.MinDelaySteps} steps; built in {buildClock.Elapsed.TotalSeconds:0.00} s");
        SimulationResult result;
        try
        {
            var nextReport = 0.1;
            result = SimulationRunner.Run(network, backend, options, sinks, new InlineProgress(p =>
            {
                if (world.Rank != 0 || (p.Fraction + 1e-9 < nextReport && p.StepsDone < p.TotalSteps)) return;
                quiet.Out.WriteLine($"  {p.Fraction,4:P0}  t = {p.StepsDone * p.Dt:0} ms  real-time factor {p.RealTimeFactor:0.00} (wall/biological)  communication {world.CommunicationSeconds:0.00} s");
                nextReport = Math.Floor(p.Fraction * 10 + 1e-9) / 10 + 0.1;
            }), finished: WeightsOutput.After(request, quiet, writes: world.Rank == 0), cancellationToken: console.Stopping);
        }
        catch (MpiException e)
        {
            throw new SimulationException($"{e.Message}; the spikes this rank recorded until then are in {rankDirectory}");
        }
        catch (OperationCanceledException e) when (StopRequest.Requested(console))
        {
            // mpirun sends SIGTERM to every rank when one dies or is killed; the runner has closed this rank's recordings.
            throw StopRequest.Stopped(console, $"rank {world.Rank} was stopped before the end of the run (Ctrl+C, or mpirun ending the job after another rank died); " +
                                               $"the spikes it recorded until then are in {rankDirectory}", e);
        }
        finally
        {
            foreach (var sink in sinks) sink.Dispose();
        }

        var wall = world.Max([result.WallSeconds, world.CommunicationSeconds]);
        world.Barrier();
        IReadOnlyList<SpikeRecord> spikes = [];
        if (world.Rank == 0) spikes = RecordingMerge.Merge(request.OutputDirectory, world.Size, network.Layout);
        world.Barrier();

        var summary = RunSummary.From(network, result with { WallSeconds = wall[0] }, $"mpi×{world.Size}+{inner.Name}", request.Threads, buildClock.Elapsed.TotalSeconds);
        summary = summary with
        {
            Synapses = synapses,
            Populations = [.. summary.Populations.Select((p, i) => p with
            {
                Size = network.Layout.PopulationSizes[i],
                RateHz = result.Steps == 0 ? 0 : p.Spikes / (double)network.Layout.PopulationSizes[i] / (result.Steps * network.Dt * 1e-3),
            })],
        };
        if (world.Rank == 0)
        {
            File.WriteAllText(Path.Combine(request.OutputDirectory, "summary.json"), summary.ToJson());
            RunPipeline.PrintSummary(console, summary, request.OutputDirectory);
            quiet.Out.WriteLine($"communication: {wall[1]:0.00} s of {wall[0]:0.00} s on the slowest rank ({100 * wall[1] / Math.Max(wall[0], 1e-9):0.0} %)");
            quiet.Out.WriteLine($"merged {world.Size} rank recordings: {spikes.Count:N0} spikes in {Path.Combine(request.OutputDirectory, ParquetSpikeSink.FileName)} (per rank: {request.OutputDirectory}/rank-*/)");
        }
        return new RecordedRun(summary, spikes);
    }

    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}

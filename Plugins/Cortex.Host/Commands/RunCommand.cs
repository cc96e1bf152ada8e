using System.CommandLine;

namespace Cortex.Host.Commands;

/// <summary><c>cortex run SPEC.json</c>: compile and simulate a spec, write spikes, summary and raster; with <c>--watch</c>, rerun whenever a plugin or the spec changes.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = new Argument<string>("spec") { Description = "Network spec (JSON)" };
        var backend = new Option<string>("--backend") { Description = BackendChoice.BackendDescription, DefaultValueFactory = _ => "cpu" };
        var device = BackendChoice.DeviceOption();
        var seed = new Option<ulong?>("--seed") { Description = "Override the spec's seed" };
        var duration = new Option<string?>("--duration") { Description = "Override the simulated time, e.g. '500 ms'" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => "out" };
        var noPlot = new Option<bool>("--no-plot") { Description = "Skip raster.png" };
        var ranks = new Option<int?>("--ranks") { Description = "Run on R MPI ranks: launches 'mpirun -n R' with this command (Open MPI); spikes are identical to one process" };
        var saveWeights = new Option<string?>("--save-weights")
        {
            Description = "After the run, write the final weights of the plastic projections to this Parquet file (projection, synapse, source, target, delay_ms, weight; one-process synapse order on any number of MPI ranks)",
        };
        var watch = new Option<bool>("--watch") { Description = "After the run, watch the plugin folders and the spec; reload rebuilt plugins and run again (Ctrl+C stops)" };
        var command = new Command("run", "Simulate a network spec; writes spikes.parquet, summary.json and raster.png")
        {
            spec, backend, device, seed, duration, threads, output, noPlot, watch, ranks, saveWeights,
        };
        command.SetAction((parse, _) =>
        {
            var request = new RunRequest
            {
                SpecPath = parse.GetValue(spec)!, Backend = parse.GetValue(backend)!, Device = parse.GetValue(device), Seed = parse.GetValue(seed),
                Duration = parse.GetValue(duration), Threads = parse.GetValue(threads), OutputDirectory = parse.GetValue(output)!,
                Plot = !parse.GetValue(noPlot), SaveWeights = parse.GetValue(saveWeights),
            };
            if (parse.GetValue(ranks) is { } r && Hardware.Mpi.MpiLaunch.AnnouncedSize() is null)
                return Task.FromResult(ErrorReporting.Guard(console, () => Mpi.MpiLauncher.Relaunch(r)));
            if (parse.GetValue(watch)) return RunWatch.LoopAsync(request, console, RunWatch.DefaultQuiet, console.Stopping);
            return Task.FromResult(ErrorReporting.Guard(console, () =>
            {
                RunPipeline.Execute(request, console);
                return ExitCodes.Ok;
            }));
        });
        return command;
    }
}

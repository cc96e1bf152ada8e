using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;
using Spectre.Console;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench cuba</c>: builds and runs the scaled CUBA network per size, backend and thread count
/// and prints build and simulation time, real-time factor, spikes, rate, bytes per synapse and peak memory.
/// Spikes are recorded in memory, as Brian2's SpikeMonitor does in the comparison script.
/// Under <c>mpirun -n R</c> every rank runs its part of each network (<see cref="BenchRanks"/>) and rank 0 reports the
/// slowest rank's time, the time spent in the spike exchange and every rank's peak memory.
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var neurons = new Option<int[]>("--neurons") { Description = "Network sizes", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [4000, 16000, 64000] };
        var backends = new Option<string[]>("--backend") { Description = "Backends to measure ('auto': the GPU when one is present, else cpu)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["cpu"] };
        var device = BackendChoice.DeviceOption();
        var threads = new Option<int[]>("--threads") { Description = "Thread counts to measure", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1] };
        var duration = new Option<string>("--duration") { Description = "Simulated time per run", DefaultValueFactory = _ => "1 s" };
        var seed = new Option<ulong>("--seed") { Description = "Seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write the table as JSON to this file" };
        var template = new Option<string?>("--spec") { Description = "The CUBA-shaped spec to scale (populations 'exc' and 'inh'), e.g. one naming a plugin's neuron model; default examples/cuba.json" };
        var cuba = new Command("cuba", "Scaled CUBA network (examples/cuba.json): build + simulate time per size") { neurons, backends, device, threads, duration, seed, output, template };
        cuba.SetAction(parse => ErrorReporting.Guard(console, () => StopRequest.Measuring(console, "cuba", () =>
        {
            var time = TimeOption.Parse("--duration", parse.GetValue(duration));
            var ranks = BenchRanks.Detect();
            var print = ranks?.RootConsole(console) ?? console;
            var spec = SpecJson.Load(parse.GetValue(template) ?? Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
            var rows = Measure(spec, parse.GetValue(neurons)!, parse.GetValue(backends)!, parse.GetValue(device), parse.GetValue(threads)!, time, parse.GetValue(seed), print, ranks);
            Print(print, rows);
            if (ranks is { IsRoot: false }) return ExitCodes.Ok;
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "cuba", duration_ms = time.Value, rows }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        })));
        return new Command("bench", "Benchmarks") { cuba, MicrocircuitBench.Create(console), ClosedLoopBench.Create(console), PlasticityBench.Create(console), TrainingStepBench.Create(console), TrainingMemoryBench.Create(console), SparseBackwardBench.Create(console), RenderBench.Create(console) };
    }

    private static List<BenchRow> Measure(NetworkSpec template, int[] sizes, string[] backendNames, string? device, int[] threadCounts, Quantity duration, ulong seed, CliConsole console, BenchRanks? ranks)
    {
        if (threadCounts.Any(t => t < 1)) throw new UsageException("--threads values must be >= 1");
        using var runtime = RunPipeline.CreateRuntime(console);
        var chosen = backendNames.Select(name => BackendChoice.Resolve(runtime.Registry, name, console)).ToList();
        // Checks --device against each backend before the first (possibly long) build.
        foreach (var backend in chosen) BackendChoice.Options(backend, 1, device);
        BenchDevice.WarnIfStandIn(chosen, device, console);
        var backends = chosen.Select(b => ranks?.Wrap(b) ?? b).ToList();
        var rows = new List<BenchRow>();
        foreach (var size in sizes.Order())
        {
            var spec = CubaScaling.Scale(template, size, seed, duration);
            foreach (var backend in backends)
            {
                foreach (var threadCount in threadCounts)
                {
                    var buildClock = Stopwatch.StartNew();
                    var compiler = new NetworkCompiler(runtime.Registry);
                    var network = ranks?.Compile(compiler, spec, threadCount) ?? compiler.Compile(spec, threadCount);
                    buildClock.Stop();
                    var row = Simulate(network, backend, new BackendOptions { Threads = threadCount, Device = device }, ranks?.Max(buildClock.Elapsed.TotalSeconds)[0] ?? buildClock.Elapsed.TotalSeconds, ranks, console.Stopping);
                    console.Out.WriteLine($"  {row.Neurons,9:N0} neurons  {row.Backend,-9} {row.Ranks} rank{(row.Ranks == 1 ? "" : "s")} × {row.Threads} thr  build {row.BuildSeconds,6:0.000} s  simulate {row.SimulateSeconds,7:0.000} s" +
                                          (row.CommSeconds is { } comm ? $"  exchange {comm,7:0.000} s ({row.CommShare:P1})" : "") +
                                          (row.Device is { } name ? $"  on {name}, {row.DeviceMemoryMb:0} MB of device memory" : ""));
                    rows.Add(row);
                }
            }
            GC.Collect();
        }
        return rows;
    }

    private static BenchRow Simulate(CompiledNetwork network, IBackend backend, BackendOptions options, double buildSeconds, BenchRanks? ranks, CancellationToken stopping)
    {
        // A short untimed run first, so the timed one measures steady-state code, not the JIT
        // (Brian2's run time likewise excludes its code generation and compilation; on a GPU, the kernels' compilation).
        Run(network, backend, options, Math.Min(network.Steps, 1000), ranks, stopping).Session.Dispose();
        var run = Run(network, backend, options, network.Steps, ranks, stopping);
        using (run.Session) return Row(network, backend, options.Threads, buildSeconds, run, ranks);
    }

    private sealed record TimedRun(double Seconds, double CpuSeconds, double CommSeconds, ISimulationSession Session);

    private static TimedRun Run(CompiledNetwork network, IBackend backend, BackendOptions options, long steps, BenchRanks? ranks, CancellationToken stopping)
    {
        var sink = new MemorySink();
        using var recorder = new Cortex.Recording.Recorder(network.Layout, [sink]);
        var unsupported = backend.Unsupported(network);
        if (unsupported.Count > 0) throw new UnsupportedComponentException(backend.Name, unsupported);
        var session = backend.Open(network, options);
        var chunk = SimulationRunner.ChunkSteps(network);
        // Ranks start the clock together; the exchange time is this run's share of the world's running total.
        ranks?.Barrier();
        var commBefore = ranks?.CommunicationSeconds ?? 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (session.CurrentStep < steps)
        {
            if (stopping.IsCancellationRequested)
            {
                session.Dispose();
                stopping.ThrowIfCancellationRequested();
            }
            session.Advance((int)Math.Min(chunk, steps - session.CurrentStep), recorder);
            recorder.EndEpoch();
        }
        recorder.Complete();
        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        return new TimedRun(clock.Elapsed.TotalSeconds, cpu, (ranks?.CommunicationSeconds ?? 0) - commBefore, session);
    }

    private static BenchRow Row(CompiledNetwork network, IBackend backend, int threads, double buildSeconds, TimedRun run, BenchRanks? ranks)
    {
        // Spike counts are global on every rank (the MPI session sums them); neurons come from the global layout.
        var spikes = run.Session.SpikeCounts.Sum();
        var neurons = network.Layout.PopulationSizes.Sum();
        var seconds = network.Steps * network.Dt * 1e-3;
        var bytesPerSynapse = MemoryFigures.BytesPerSynapse(network, run.Session);
        if (ranks is null)
        {
            return new BenchRow(
                neurons, network.SynapseCount, backend.Name, threads, buildSeconds, run.Seconds,
                RealTimeFactor.Of(run.Seconds, seconds), spikes, spikes / (double)neurons / seconds,
                bytesPerSynapse, MemoryFigures.PeakRssMb(), run.CpuSeconds, RealTimeFactor.Of(run.CpuSeconds, seconds))
            {
                Device = MemoryFigures.DeviceName(run.Session), DeviceMemoryMb = MemoryFigures.DeviceMemoryMb(run.Session),
            };
        }
        // The slowest rank's wall and exchange time; CPU time and synapse bytes summed, memory per rank.
        var slowest = ranks.Max(run.Seconds, run.CommSeconds);
        var synapses = ranks.Sum(network.SynapseCount)[0];
        var sums = ranks.Sum(bytesPerSynapse * network.SynapseCount, run.CpuSeconds);
        var perRank = ranks.PerRank(MemoryFigures.PeakRssMb());
        var (bytesSent, exchanges) = ranks.ExchangeVolume(run.Session);
        return new BenchRow(
            neurons, synapses, backend.Name, threads, buildSeconds, slowest[0],
            RealTimeFactor.Of(slowest[0], seconds), spikes, spikes / (double)neurons / seconds,
            synapses == 0 ? 0 : sums[0] / synapses, perRank.Max(), sums[1], RealTimeFactor.Of(sums[1], seconds),
            ranks.Size, slowest[1], slowest[0] > 0 ? slowest[1] / slowest[0] : 0, perRank, bytesSent, exchanges);
    }

    private static void Print(CliConsole console, List<BenchRow> rows)
    {
        var table = new Table().AddColumns("neurons", "synapses", "backend", "ranks", "threads", "build s", "simulate s", "real-time factor", "CPU-s / bio-s", "exchange", "spikes", "rate Hz", "B/synapse", "peak MB", "device", "device MB");
        foreach (var r in rows)
            table.AddRow($"{r.Neurons:N0}", $"{r.Synapses:N0}", Markup.Escape(r.Backend), $"{r.Ranks}", $"{r.Threads}", $"{r.BuildSeconds:0.000}", $"{r.SimulateSeconds:0.000}",
                $"{r.RealTimeFactor:0.00}", $"{r.CpuTimeFactor:0.00}", r.CommShare is { } share ? $"{share:P1}" : "–", $"{r.Spikes:N0}", $"{r.MeanRateHz:0.00}", $"{r.BytesPerSynapse:0.00}",
                r.PeakRssMbPerRank is { } perRank ? string.Join(" / ", perRank.Select(m => $"{m:0}")) : $"{r.PeakRssMb:0}",
                Markup.Escape(r.Device ?? "host"), r.DeviceMemoryMb is { } deviceMb ? $"{deviceMb:0}" : "–");
        console.Ansi.Write(table);
    }
}

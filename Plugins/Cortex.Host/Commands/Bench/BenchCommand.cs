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
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var neurons = new Option<int[]>("--neurons") { Description = "Network sizes", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [4000, 16000, 64000] };
        var backends = new Option<string[]>("--backend") { Description = "Backends to measure", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["cpu"] };
        var threads = new Option<int[]>("--threads") { Description = "Thread counts to measure", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [1] };
        var duration = new Option<string>("--duration") { Description = "Simulated time per run", DefaultValueFactory = _ => "1 s" };
        var seed = new Option<ulong>("--seed") { Description = "Seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write the table as JSON to this file" };
        var cuba = new Command("cuba", "Scaled CUBA network (examples/cuba.json): build + simulate time per size") { neurons, backends, threads, duration, seed, output };
        cuba.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            var time = TimeOption.Parse("--duration", parse.GetValue(duration));
            var rows = Measure(parse.GetValue(neurons)!, parse.GetValue(backends)!, parse.GetValue(threads)!, time, parse.GetValue(seed), console);
            Print(console, rows);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "cuba", duration_ms = time.Value, rows }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        }));
        return new Command("bench", "Benchmarks") { cuba, MicrocircuitBench.Create(console), ClosedLoopBench.Create(console), PlasticityBench.Create(console), TrainingStepBench.Create(console), RenderBench.Create(console) };
    }

    private static List<BenchRow> Measure(int[] sizes, string[] backendNames, int[] threadCounts, Quantity duration, ulong seed, CliConsole console)
    {
        if (threadCounts.Any(t => t < 1)) throw new UsageException("--threads values must be >= 1");
        var template = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
        using var runtime = RunPipeline.CreateRuntime(console);
        var backends = backendNames.Select(runtime.Registry.GetBackend).ToList();
        var rows = new List<BenchRow>();
        foreach (var size in sizes.Order())
        {
            var spec = CubaScaling.Scale(template, size, seed, duration);
            foreach (var backend in backends)
            {
                foreach (var threadCount in threadCounts)
                {
                    var buildClock = Stopwatch.StartNew();
                    var network = new NetworkCompiler(runtime.Registry).Compile(spec, threadCount);
                    buildClock.Stop();
                    var row = Simulate(network, backend, threadCount, buildClock.Elapsed.TotalSeconds);
                    console.Out.WriteLine($"  {row.Neurons,9:N0} neurons  {row.Backend,-9} {row.Threads} thr  build {row.BuildSeconds,6:0.000} s  simulate {row.SimulateSeconds,7:0.000} s");
                    rows.Add(row);
                }
            }
            GC.Collect();
        }
        return rows;
    }

    private static BenchRow Simulate(CompiledNetwork network, IBackend backend, int threads, double buildSeconds)
    {
        // A short untimed run first, so the timed one measures steady-state code, not the JIT
        // (Brian2's run time likewise excludes its code generation and compilation).
        Run(network, backend, threads, Math.Min(network.Steps, 1000));
        var (seconds, session) = Run(network, backend, threads, network.Steps);
        using (session) return Row(network, backend, threads, buildSeconds, seconds, session);
    }

    private static (double Seconds, ISimulationSession Session) Run(CompiledNetwork network, IBackend backend, int threads, long steps)
    {
        var sink = new MemorySink();
        using var recorder = new Cortex.Recording.Recorder(network.Layout, [sink]);
        var session = backend.Open(network, new BackendOptions { Threads = threads });
        var chunk = SimulationRunner.ChunkSteps(network);
        var clock = Stopwatch.StartNew();
        while (session.CurrentStep < steps)
        {
            session.Advance((int)Math.Min(chunk, steps - session.CurrentStep), recorder);
            recorder.EndEpoch();
        }
        recorder.Complete();
        clock.Stop();
        return (clock.Elapsed.TotalSeconds, session);
    }

    private static BenchRow Row(CompiledNetwork network, IBackend backend, int threads, double buildSeconds, double simulateSeconds, ISimulationSession session)
    {
        var spikes = session.SpikeCounts.Sum();
        var neurons = network.Populations.Sum(p => p.Size);
        var seconds = network.Steps * network.Dt * 1e-3;
        return new BenchRow(
            neurons, network.SynapseCount, backend.Name, threads, buildSeconds, simulateSeconds,
            RealTimeFactor.Of(simulateSeconds, seconds), spikes, spikes / (double)neurons / seconds,
            MemoryFigures.BytesPerSynapse(network, session), MemoryFigures.PeakRssMb());
    }

    private static void Print(CliConsole console, List<BenchRow> rows)
    {
        var table = new Table().AddColumns("neurons", "synapses", "backend", "threads", "build s", "simulate s", "real-time factor", "spikes", "rate Hz", "B/synapse", "peak MB");
        foreach (var r in rows)
            table.AddRow($"{r.Neurons:N0}", $"{r.Synapses:N0}", Markup.Escape(r.Backend), $"{r.Threads}", $"{r.BuildSeconds:0.000}", $"{r.SimulateSeconds:0.000}",
                $"{r.RealTimeFactor:0.00}", $"{r.Spikes:N0}", $"{r.MeanRateHz:0.00}", $"{r.BytesPerSynapse:0.00}", $"{r.PeakRssMb:0}");
        console.Ansi.Write(table);
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Spectre.Console;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench closed-loop</c>: the cost of driving a network step by step from outside. CUBA (examples/cuba.json,
/// scaled) runs once as a batch (the runner's chunks of ~10 ms, spikes recorded in memory) and once 1 ms (10 steps) per
/// call, reading every population's spikes and injecting a current after each call, as a closed-loop task does. Both
/// modes alternate over several repeats in one process and the medians are compared.
/// </summary>
internal static class ClosedLoopBench
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var neurons = new Option<int>("--neurons") { Description = "Network size", DefaultValueFactory = _ => 4000 };
        var backend = new Option<string>("--backend") { Description = "Backend", DefaultValueFactory = _ => "cpu" };
        var duration = new Option<string>("--duration") { Description = "Simulated time per run", DefaultValueFactory = _ => "1 s" };
        var steps = new Option<int>("--steps-per-call") { Description = "Steps per Step() call in closed-loop mode", DefaultValueFactory = _ => 10 };
        var repeats = new Option<int>("--repeats") { Description = "Runs per mode (alternating); medians are reported", DefaultValueFactory = _ => 5 };
        var output = new Option<string?>("--out") { Description = "Write the result as JSON to this file" };
        var command = new Command("closed-loop", "CUBA stepped 1 ms at a time with injection and spike reads, against the batch run") { neurons, backend, duration, steps, repeats, output };
        command.SetAction(parse => ErrorReporting.Guard(console, () => StopRequest.Measuring(console, "closed-loop", () =>
        {
            var stepsPerCall = parse.GetValue(steps);
            var runs = parse.GetValue(repeats);
            if (stepsPerCall < 1) throw new UsageException($"--steps-per-call must be >= 1, got {stepsPerCall}");
            if (runs < 1) throw new UsageException($"--repeats must be >= 1, got {runs}");
            var time = TimeOption.Parse("--duration", parse.GetValue(duration));
            using var runtime = RunPipeline.CreateRuntime(console);
            var template = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
            var network = new NetworkCompiler(runtime.Registry).Compile(CubaScaling.Scale(template, parse.GetValue(neurons), 1, time));
            var device = runtime.Registry.GetBackend(parse.GetValue(backend)!);

            // Warm up both paths (JIT), then alternate so drift on a shared machine hits both alike.
            var stopping = console.Stopping;
            Batch(network, device, Math.Min(network.Steps, 1000), stopping);
            ClosedLoop(network, device, stepsPerCall, Math.Min(network.Steps, 1000), stopping);
            var batch = new List<(double Seconds, long Spikes)>();
            var loop = new List<(double Seconds, long Spikes)>();
            for (var r = 0; r < runs; r++)
            {
                batch.Add(Batch(network, device, network.Steps, stopping));
                loop.Add(ClosedLoop(network, device, stepsPerCall, network.Steps, stopping));
            }
            var batchSeconds = Median(batch.Select(b => b.Seconds));
            var loopSeconds = Median(loop.Select(b => b.Seconds));
            var biological = network.Steps * network.Dt * 1e-3;
            var table = new Table().AddColumns("mode", "steps per call", "median wall s", "real-time factor", "spikes", "cost vs batch");
            table.AddRow("batch (cortex run path)", $"{SimulationRunner.ChunkSteps(network)}", $"{batchSeconds:0.000}", $"{RealTimeFactor.Of(batchSeconds, biological):0.000}", $"{batch[0].Spikes:N0}", "1.00");
            table.AddRow("closed loop", $"{stepsPerCall}", $"{loopSeconds:0.000}", $"{RealTimeFactor.Of(loopSeconds, biological):0.000}", $"{loop[0].Spikes:N0}", $"{loopSeconds / batchSeconds:0.00}");
            console.Ansi.Write(table);
            console.Out.WriteLine($"{network.Populations.Sum(p => p.Size):N0} neurons, {network.SynapseCount:N0} synapses, {biological:0.###} s simulated, backend '{device.Name}', {runs} runs per mode (medians); real-time factor = wall / biological time");
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new
                {
                    benchmark = "closed-loop", neurons = network.Populations.Sum(p => p.Size), backend = device.Name, steps_per_call = stepsPerCall,
                    batch_seconds = batchSeconds, closed_loop_seconds = loopSeconds, ratio = loopSeconds / batchSeconds,
                    batch_runs = batch.Select(b => b.Seconds), closed_loop_runs = loop.Select(b => b.Seconds),
                }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static (double Seconds, long Spikes) Batch(CompiledNetwork network, IBackend backend, long steps, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        var result = SimulationRunner.Run(network, backend, new BackendOptions(), [new MemorySink()], steps: steps, cancellationToken: stopping);
        return (clock.Elapsed.TotalSeconds, result.SpikesPerPopulation.Sum());
    }

    private static (double Seconds, long Spikes) ClosedLoop(CompiledNetwork network, IBackend backend, int stepsPerCall, long steps, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        using var session = ClosedLoopSession.Open(network, backend, sinks: [new MemorySink()]);
        var populations = network.Populations.Select(p => p.Name).ToArray();
        var first = populations[0];
        var observed = 0L;
        while (session.CurrentStep < steps)
        {
            stopping.ThrowIfCancellationRequested();
            session.Step((int)Math.Min(stepsPerCall, steps - session.CurrentStep));
            // Observe every population, act on the first: a tiny current on one neuron, chosen by what was seen.
            foreach (var population in populations) observed += session.Spikes(population).Length;
            session.SetCurrent(first, (int)(observed % network.Populations[0].Size), 1e-4);
        }
        session.Complete();
        return (clock.Elapsed.TotalSeconds, session.SpikeCounts.Sum());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

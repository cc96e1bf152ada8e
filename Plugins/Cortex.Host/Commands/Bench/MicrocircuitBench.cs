using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Cortex.Backends;
using Cortex.BrainRegions.Microcircuit;
using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;
using Spectre.Console;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench microcircuit</c>: builds and runs the Potjans &amp; Diesmann microcircuit per scale and reports build
/// and simulation time, real-time factor, synapses, bytes per synapse, peak memory, and each population's rate and ISI
/// CV against NEST's full-scale reference rates (after discarding the start-up transient, as NEST's example does).
/// </summary>
internal static class MicrocircuitBench
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var scales = new Option<double[]>("--scale") { Description = "Fractions of the full-scale neuron numbers (0 < S ≤ 1)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [0.1] };
        var kScale = new Option<double>("--k-scale") { Description = "Fraction of the full-scale in-degrees (weights ×1/√k plus DC)", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration") { Description = "Simulated time per run", DefaultValueFactory = _ => "1 s" };
        var discard = new Option<string>("--discard") { Description = "Start-up transient left out of rates and CVs", DefaultValueFactory = _ => "100 ms" };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 1 };
        var backend = new Option<string>("--backend") { Description = "Backend", DefaultValueFactory = _ => "cpu" };
        var background = new Option<string>("--background") { Description = "poisson or dc", DefaultValueFactory = _ => "poisson" };
        var weights = new Option<string>("--weights") { Description = "16bit or 32bit weight storage", DefaultValueFactory = _ => "16bit" };
        var seed = new Option<ulong>("--seed") { Description = "Seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write the results as JSON to this file" };
        var command = new Command("microcircuit", "Potjans & Diesmann (2014) microcircuit: speed, memory and rates against NEST")
            { scales, kScale, duration, discard, threads, backend, background, weights, seed, output };
        command.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            var time = TimeOption.Parse("--duration", parse.GetValue(duration));
            var skip = TimeOption.Parse("--discard", parse.GetValue(discard));
            if (skip.Value >= time.Value) throw new UsageException($"--discard ({skip}) must be shorter than --duration ({time})");
            if (parse.GetValue(threads) < 1) throw new UsageException("--threads must be >= 1");
            var settings = new Settings(parse.GetValue(kScale), time, skip, parse.GetValue(threads), parse.GetValue(backend)!,
                parse.GetValue(background)!, parse.GetValue(weights)!, parse.GetValue(seed));
            var results = new List<MicrocircuitResult>();
            using var runtime = RunPipeline.CreateRuntime(console);
            foreach (var scale in parse.GetValue(scales)!.Order())
            {
                var result = Measure(runtime, scale, settings, console);
                Print(console, result);
                results.Add(result);
                GC.Collect();
            }
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "microcircuit", results }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private sealed record Settings(double KScale, Quantity Duration, Quantity Discard, int Threads, string Backend, string Background, string Weights, ulong Seed);

    /// <summary>The spec <c>bench microcircuit</c> runs: one microcircuit instance "mc" and nothing else.</summary>
    public static NetworkSpec Spec(double scale, double kScale, Quantity duration, ulong seed, string background, string weights) => new()
    {
        Name = "microcircuit",
        Simulation = new SimulationSettings { Dt = Q.Ms(0.1), Duration = duration, Seed = seed },
        Circuits =
        [
            new CircuitSpec
            {
                Type = "microcircuit", Name = "mc",
                Params = new Dictionary<string, Quantity> { ["scale"] = Q.Number(scale), ["k_scale"] = Q.Number(kScale) },
                Named = new Dictionary<string, string> { ["background"] = background, ["weights"] = weights },
            },
        ],
    };

    private static MicrocircuitResult Measure(Cortex.Plugins.Loading.PluginCatalog runtime, double scale, Settings s, CliConsole console)
    {
        var spec = Spec(scale, s.KScale, s.Duration, s.Seed, s.Background, s.Weights);
        var backend = runtime.Registry.GetBackend(s.Backend);
        var buildClock = Stopwatch.StartNew();
        var network = new NetworkCompiler(runtime.Registry).Compile(spec, s.Threads);
        buildClock.Stop();
        console.Out.WriteLine($"scale {scale}: {network.Populations.Sum(p => p.Size):N0} neurons, {network.SynapseCount:N0} synapses, built in {buildClock.Elapsed.TotalSeconds:0.0} s; simulating {s.Duration} on '{backend.Name}' ({s.Threads} thread{(s.Threads == 1 ? "" : "s")})");

        var sink = new MemorySink();
        // CPU time next to wall time: on a shared machine the wall clock also counts other programs' turns.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var simulateClock = Stopwatch.StartNew();
        double simulateCpu, bytesPerSynapse;
        using (var recorder = new Cortex.Recording.Recorder(network.Layout, [sink]))
        using (var session = backend.Open(network, new BackendOptions { Threads = s.Threads }))
        {
            var chunk = SimulationRunner.ChunkSteps(network);
            var nextReport = 0.1;
            while (session.CurrentStep < network.Steps)
            {
                session.Advance((int)Math.Min(chunk, network.Steps - session.CurrentStep), recorder);
                recorder.EndEpoch();
                var done = session.CurrentStep / (double)network.Steps;
                if (done + 1e-9 < nextReport) continue;
                console.Out.WriteLine($"  {done,4:P0}  real-time factor {RealTimeFactor.Of(simulateClock.Elapsed.TotalSeconds, session.CurrentStep * network.Dt * 1e-3):0.00}");
                nextReport = Math.Floor(done * 10 + 1e-9) / 10 + 0.1;
            }
            recorder.Complete();
            simulateClock.Stop();
            simulateCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            bytesPerSynapse = MemoryFigures.BytesPerSynapse(network, session);
        }

        var fromStep = (long)Math.Round(s.Discard.Value / network.Dt);
        var statistics = SpikeTrainStatistics.Compute(network, sink.Spikes, fromStep, network.Steps);
        var populations = new List<PopulationResult>();
        for (var i = 0; i < MicrocircuitData.LocalNames.Count; i++)
        {
            var index = network.Populations.First(p => p.Name == $"mc.{MicrocircuitData.LocalNames[i]}").Index;
            var stats = statistics[index]!;
            var reference = MicrocircuitData.ReferenceRate[i];
            populations.Add(new PopulationResult(MicrocircuitData.Names[i], network.Populations[index].Size, stats.MeanRate, reference,
                (stats.MeanRate - reference) / reference, stats.MeanIsiCv));
        }
        var seconds = network.Steps * network.Dt * 1e-3;
        return new MicrocircuitResult(
            scale, s.KScale, s.Background, s.Weights, backend.Name, s.Threads, network.Populations.Sum(p => p.Size), network.SynapseCount,
            buildClock.Elapsed.TotalSeconds, simulateClock.Elapsed.TotalSeconds, RealTimeFactor.Of(simulateClock.Elapsed.TotalSeconds, seconds),
            simulateCpu, RealTimeFactor.Of(simulateCpu, seconds),
            bytesPerSynapse, MemoryFigures.PeakRssMb(),
            network.Projections.Max(p => p.WeightGrid?.WorstRelativeError ?? 0), s.Duration.Value, s.Discard.Value, populations);
    }

    private static void Print(CliConsole console, MicrocircuitResult r)
    {
        console.Out.WriteLine($"scale {r.Scale} (k_scale {r.KScale}, {r.Background} background, {r.Weights} weights): {r.Neurons:N0} neurons, {r.Synapses:N0} synapses, " +
                              $"build {r.BuildSeconds:0.0} s, simulate {r.SimulateSeconds:0.0} s, real-time factor {r.RealTimeFactor:0.00} " +
                              $"(CPU time {r.SimulateCpuSeconds:0.0} s: {r.CpuTimeFactor:0.00} CPU-s per biological s), " +
                              $"{r.BytesPerSynapse:0.00} B/synapse, peak {r.PeakRssMb:0} MB, worst 16-bit rounding {r.WorstWeightRounding:0.0e0} (relative)");
        var table = new Table().AddColumns("population", "neurons", "rate Hz", "NEST Hz", "deviation", "ISI CV");
        foreach (var p in r.Populations)
            table.AddRow(Markup.Escape(p.Name), $"{p.Neurons:N0}", $"{p.RateHz:0.000}", $"{p.ReferenceHz:0.000}", $"{p.Deviation:+0.0%;-0.0%}", p.IsiCv is { } cv ? $"{cv:0.00}" : "–");
        console.Ansi.Write(table);
    }
}

/// <summary>One scale of <c>cortex bench microcircuit</c>.</summary>
internal sealed record MicrocircuitResult(
    double Scale, double KScale, string Background, string Weights, string Backend, int Threads, int Neurons, long Synapses,
    double BuildSeconds, double SimulateSeconds, double RealTimeFactor, double SimulateCpuSeconds, double CpuTimeFactor, double BytesPerSynapse, double PeakRssMb,
    double WorstWeightRounding, double DurationMs, double DiscardMs, IReadOnlyList<PopulationResult> Populations);

/// <summary>One population's measured rate and irregularity against NEST's full-scale reference.</summary>
internal sealed record PopulationResult(string Name, int Neurons, double RateHz, double ReferenceHz, double Deviation, double? IsiCv);

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
/// Under <c>mpirun -n R</c> every rank runs its part of the circuit (<see cref="BenchRanks"/>); rank 0 reports the slowest
/// rank's time, the spike-exchange time, the summed CPU time, every rank's peak memory, and rates and CVs over all ranks.
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
        var backend = new Option<string>("--backend") { Description = BackendChoice.BackendDescription, DefaultValueFactory = _ => "cpu" };
        var device = BackendChoice.DeviceOption();
        var background = new Option<string>("--background") { Description = "poisson or dc", DefaultValueFactory = _ => "poisson" };
        var weights = new Option<string>("--weights") { Description = "16bit or 32bit weight storage", DefaultValueFactory = _ => "16bit" };
        var seed = new Option<ulong>("--seed") { Description = "Seed", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Write the results as JSON to this file" };
        var command = new Command("microcircuit", "Potjans & Diesmann (2014) microcircuit: speed, memory and rates against NEST")
            { scales, kScale, duration, discard, threads, backend, device, background, weights, seed, output };
        command.SetAction(parse => ErrorReporting.Guard(console, () => StopRequest.Measuring(console, "microcircuit", () =>
        {
            var time = TimeOption.Parse("--duration", parse.GetValue(duration));
            var skip = TimeOption.Parse("--discard", parse.GetValue(discard));
            if (skip.Value >= time.Value) throw new UsageException($"--discard ({skip}) must be shorter than --duration ({time})");
            if (parse.GetValue(threads) < 1) throw new UsageException("--threads must be >= 1");
            var ranks = BenchRanks.Detect();
            var print = ranks?.RootConsole(console) ?? console;
            using var runtime = RunPipeline.CreateRuntime(console);
            var chosen = BackendChoice.Resolve(runtime.Registry, parse.GetValue(backend)!, print);
            var options = BackendChoice.Options(chosen, parse.GetValue(threads), parse.GetValue(device));
            BenchDevice.WarnIfStandIn([chosen], options.Device, print);
            var settings = new Settings(parse.GetValue(kScale), time, skip, options, chosen,
                parse.GetValue(background)!, parse.GetValue(weights)!, parse.GetValue(seed));
            var results = new List<MicrocircuitResult>();
            foreach (var scale in parse.GetValue(scales)!.Order())
            {
                var result = Measure(runtime, scale, settings, print, ranks, console.Stopping);
                Print(print, result);
                results.Add(result);
                GC.Collect();
            }
            if (ranks is { IsRoot: false }) return ExitCodes.Ok;
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "microcircuit", results }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        })));
        return command;
    }

    private sealed record Settings(double KScale, Quantity Duration, Quantity Discard, BackendOptions Options, IBackend Backend, string Background, string Weights, ulong Seed)
    {
        public int Threads => Options.Threads;
    }

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

    private static MicrocircuitResult Measure(Cortex.Plugins.Loading.PluginCatalog runtime, double scale, Settings s, CliConsole console, BenchRanks? ranks, CancellationToken stopping)
    {
        var spec = Spec(scale, s.KScale, s.Duration, s.Seed, s.Background, s.Weights);
        var inner = s.Backend;
        var backend = ranks?.Wrap(inner) ?? inner;
        var buildClock = Stopwatch.StartNew();
        var compiler = new NetworkCompiler(runtime.Registry);
        var network = ranks?.Compile(compiler, spec, s.Threads) ?? compiler.Compile(spec, s.Threads);
        buildClock.Stop();
        var buildSeconds = ranks?.Max(buildClock.Elapsed.TotalSeconds)[0] ?? buildClock.Elapsed.TotalSeconds;
        var synapses = ranks?.Sum(network.SynapseCount)[0] ?? network.SynapseCount;
        var neurons = network.Layout.PopulationSizes.Sum();
        var where = ranks is null ? "" : $"{ranks.Size} MPI ranks × ";
        console.Out.WriteLine($"scale {scale}: {neurons:N0} neurons, {synapses:N0} synapses, built in {buildSeconds:0.0} s; simulating {s.Duration} on {where}'{inner.Name}' ({s.Threads} thread{(s.Threads == 1 ? "" : "s")}), epoch {network.MinDelaySteps} step{(network.MinDelaySteps == 1 ? "" : "s")}");

        var unsupported = backend.Unsupported(network);
        if (unsupported.Count > 0) throw new UnsupportedComponentException(backend.Name, unsupported);
        var sink = new MemorySink();
        // Ranks start the clock together; the exchange time is this run's share of the world's running total.
        ranks?.Barrier();
        var commBefore = ranks?.CommunicationSeconds ?? 0;
        // CPU time next to wall time: on a shared machine the wall clock also counts other programs' turns.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var simulateClock = Stopwatch.StartNew();
        double simulateCpu, bytesPerSynapse;
        string? deviceName;
        double? deviceMb;
        (long BytesSent, long Exchanges)? exchange;
        using (var recorder = new Cortex.Recording.Recorder(network.Layout, [sink]))
        using (var session = backend.Open(network, s.Options))
        {
            var chunk = SimulationRunner.ChunkSteps(network);
            var nextReport = 0.1;
            while (session.CurrentStep < network.Steps)
            {
                stopping.ThrowIfCancellationRequested();
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
            (deviceName, deviceMb) = (MemoryFigures.DeviceName(session), MemoryFigures.DeviceMemoryMb(session));
            exchange = ranks?.ExchangeVolume(session);
        }
        var simulateSeconds = simulateClock.Elapsed.TotalSeconds;
        double? commSeconds = null;
        IReadOnlyList<double>? perRank = null;
        if (ranks is not null)
        {
            var slowest = ranks.Max(simulateSeconds, ranks.CommunicationSeconds - commBefore);
            (simulateSeconds, commSeconds) = (slowest[0], slowest[1]);
            var sums = ranks.Sum(simulateCpu, bytesPerSynapse * network.SynapseCount);
            (simulateCpu, bytesPerSynapse) = (sums[0], synapses == 0 ? 0 : sums[1] / synapses);
            perRank = ranks.PerRank(MemoryFigures.PeakRssMb());
        }

        var populations = PopulationResults(network, sink.Spikes, (long)Math.Round(s.Discard.Value / network.Dt), ranks);
        var seconds = network.Steps * network.Dt * 1e-3;
        return new MicrocircuitResult(
            scale, s.KScale, s.Background, s.Weights, backend.Name, s.Threads, neurons, synapses,
            buildSeconds, simulateSeconds, RealTimeFactor.Of(simulateSeconds, seconds),
            simulateCpu, RealTimeFactor.Of(simulateCpu, seconds),
            bytesPerSynapse, perRank?.Max() ?? MemoryFigures.PeakRssMb(),
            network.Projections.Max(p => p.WeightGrid?.WorstRelativeError ?? 0), s.Duration.Value, s.Discard.Value, populations)
        {
            Ranks = ranks?.Size ?? 1,
            CommSeconds = commSeconds,
            CommShare = commSeconds is { } comm && simulateSeconds > 0 ? comm / simulateSeconds : null,
            PeakRssMbPerRank = perRank,
            ExchangeBytesSent = exchange?.BytesSent,
            Exchanges = exchange?.Exchanges,
            Device = deviceName,
            DeviceMemoryMb = deviceMb,
        };
    }

    /// <summary>
    /// Each population's rate and mean ISI CV after the transient. On one rank of several, the statistics of this rank's
    /// neurons (its spikes carry global ids; the partition maps them to local ones) are combined over ranks: rates
    /// weighted by neurons, CVs by the neurons that had enough spikes for one.
    /// </summary>
    private static List<PopulationResult> PopulationResults(CompiledNetwork network, IReadOnlyList<SpikeRecord> spikes, long fromStep, BenchRanks? ranks)
    {
        var partition = network.Partition;
        IReadOnlyList<SpikeRecord> local = partition is null ? spikes : [.. spikes.Select(x => x with { Neuron = partition.ToLocal(x.Neuron) })];
        var statistics = SpikeTrainStatistics.Compute(network, local, fromStep, network.Steps);
        var populations = new List<PopulationResult>();
        for (var i = 0; i < MicrocircuitData.LocalNames.Count; i++)
        {
            var index = network.Populations.First(p => p.Name == $"mc.{MicrocircuitData.LocalNames[i]}").Index;
            var stats = statistics[index]!;
            var size = network.Layout.PopulationSizes[index];
            var (rate, cv) = (stats.MeanRate, stats.MeanIsiCv);
            if (ranks is not null)
            {
                var n = stats.NeuronRates.Length;
                var sums = ranks.Sum(stats.MeanRate * n, (stats.MeanIsiCv ?? 0) * stats.CvNeurons, stats.CvNeurons);
                rate = size == 0 ? 0 : sums[0] / size;
                cv = sums[2] > 0 ? sums[1] / sums[2] : null;
            }
            var reference = MicrocircuitData.ReferenceRate[i];
            populations.Add(new PopulationResult(MicrocircuitData.Names[i], size, rate, reference, (rate - reference) / reference, cv));
        }
        return populations;
    }

    private static void Print(CliConsole console, MicrocircuitResult r)
    {
        console.Out.WriteLine($"scale {r.Scale} (k_scale {r.KScale}, {r.Background} background, {r.Weights} weights): {r.Neurons:N0} neurons, {r.Synapses:N0} synapses, " +
                              $"build {r.BuildSeconds:0.0} s, simulate {r.SimulateSeconds:0.0} s, real-time factor {r.RealTimeFactor:0.00} " +
                              $"(CPU time {r.SimulateCpuSeconds:0.0} s: {r.CpuTimeFactor:0.00} CPU-s per biological s), " +
                              $"{r.BytesPerSynapse:0.00} B/synapse, peak {(r.PeakRssMbPerRank is { } perRank ? string.Join(" / ", perRank.Select(m => $"{m:0}")) + " MB per rank" : $"{r.PeakRssMb:0} MB")}, " +
                              $"worst 16-bit rounding {r.WorstWeightRounding:0.0e0} (relative)" +
                              (r.Device is { } device ? $"; on {r.Device}, {r.DeviceMemoryMb:0} MB of device memory" : "") +
                              (r.CommSeconds is { } comm ? $"; {r.Ranks} ranks, spike exchange {comm:0.0} s ({r.CommShare:P1} of the wall time, slowest rank)" : ""));
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
    double WorstWeightRounding, double DurationMs, double DiscardMs, IReadOnlyList<PopulationResult> Populations)
{
    /// <summary>MPI ranks the circuit ran on (1 without mpirun).</summary>
    public int Ranks { get; init; } = 1;

    /// <summary>The slowest rank's seconds inside the spike exchange (MPI collectives, waiting included); null without mpirun.</summary>
    public double? CommSeconds { get; init; }

    /// <summary><see cref="CommSeconds"/> over the simulation's wall time.</summary>
    public double? CommShare { get; init; }

    /// <summary>Each rank's peak resident memory (MB); null without mpirun.</summary>
    public IReadOnlyList<double>? PeakRssMbPerRank { get; init; }

    /// <summary>Bytes all ranks sent in spike exchanges, summed (each rank receives all of it); null without mpirun.</summary>
    public long? ExchangeBytesSent { get; init; }

    /// <summary>Spike exchanges of the run (one per min-delay epoch, or per step with plasticity); null without mpirun.</summary>
    public long? Exchanges { get; init; }

    /// <summary>The accelerator the circuit ran on (its <see cref="IDeviceMemoryReport"/>); null on the host.</summary>
    public string? Device { get; init; }

    /// <summary>Device memory the session held, in MB; null on the host.</summary>
    public double? DeviceMemoryMb { get; init; }
}

/// <summary>One population's measured rate and irregularity against NEST's full-scale reference.</summary>
internal sealed record PopulationResult(string Name, int Neurons, double RateHz, double ReferenceHz, double Deviation, double? IsiCv);

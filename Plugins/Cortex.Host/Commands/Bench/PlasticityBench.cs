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
/// <c>cortex bench plasticity</c>: what plasticity costs. CUBA (examples/cuba.json, scaled) runs three ways: static, with
/// pair STDP (<c>stdp</c>) on every excitatory synapse (exc→exc and exc→inh) and with short-term plasticity (by default
/// <c>tsodyks_markram</c>) on every excitatory synapse. The modes alternate over several repeats in one process (so drift on a
/// shared machine hits all alike) and the medians are compared with the static run.
/// <para>STDP bounds are w_min = 0 and w_max = twice CUBA's excitatory weight, so weights stay in the network's range and the
/// activity stays comparable; the spikes column shows how far each mode's activity moved. Beside wall time the process CPU
/// time is reported (the run is single-threaded), which a busy shared machine disturbs less.</para>
/// </summary>
internal static class PlasticityBench
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    // The issue's targets for the cost relative to static, per mode.
    private static readonly string[] Targets = ["", "<= 2", "<= 1.3"];

    public static Command Create(CliConsole console)
    {
        var neurons = new Option<int>("--neurons") { Description = "Network size", DefaultValueFactory = _ => 4000 };
        var repeats = new Option<int>("--repeats") { Description = "Runs per mode (alternating); medians are reported", DefaultValueFactory = _ => 5 };
        var duration = new Option<string>("--duration") { Description = "Simulated time per run", DefaultValueFactory = _ => "1 s" };
        var backend = new Option<string>("--backend") { Description = "Backend", DefaultValueFactory = _ => "cpu" };
        var stpRule = new Option<string>("--stp-rule") { Description = "Short-term plasticity rule (default parameters)", DefaultValueFactory = _ => "tsodyks_markram" };
        var output = new Option<string?>("--out") { Description = "Write the result as JSON to this file" };
        var command = new Command("plasticity", "CUBA static vs STDP vs short-term plasticity on every excitatory synapse: median cost and ratio to static")
        {
            neurons, repeats, duration, backend, stpRule, output,
        };
        command.SetAction(parse => ErrorReporting.Guard(console, () => StopRequest.Measuring(console, "plasticity", () =>
        {
            var runs = parse.GetValue(repeats);
            if (runs < 1) throw new UsageException($"--repeats must be >= 1, got {runs}");
            var time = TimeOption.Parse("--duration", parse.GetValue(duration));
            using var runtime = RunPipeline.CreateRuntime(console);
            var stp = parse.GetValue(stpRule)!;
            if (!runtime.Registry.PlasticityRules.ContainsKey(stp))
                throw new UsageException($"--stp-rule: no plasticity rule '{stp}' is registered (registered: {string.Join(", ", runtime.Registry.PlasticityRules.Keys.Order(StringComparer.Ordinal))})");
            var template = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
            var cuba = CubaScaling.Scale(template, parse.GetValue(neurons), 1, time);
            var compiler = new NetworkCompiler(runtime.Registry);
            var modes = new (string Name, CompiledNetwork Network)[]
            {
                ("static", compiler.Compile(cuba)),
                ("stdp", compiler.Compile(Excitatory(cuba, StdpFor(cuba)))),
                (stp, compiler.Compile(Excitatory(cuba, _ => new PlasticitySpec { Rule = stp }))),
            };
            var device = runtime.Registry.GetBackend(parse.GetValue(backend)!);

            // Warm up every path (JIT), then alternate.
            foreach (var (_, network) in modes) Run(network, device, Math.Min(network.Steps, 1000), console.Stopping);
            var results = modes.Select(_ => new List<(double Seconds, double CpuSeconds, long Spikes)>()).ToArray();
            for (var r = 0; r < runs; r++)
                for (var m = 0; m < modes.Length; m++)
                    results[m].Add(Run(modes[m].Network, device, modes[m].Network.Steps, console.Stopping));

            var medians = results.Select(list => Median(list.Select(x => x.Seconds))).ToArray();
            var cpu = results.Select(list => Median(list.Select(x => x.CpuSeconds))).ToArray();
            var first = modes[0].Network;
            var biological = first.Steps * first.Dt * 1e-3;
            var table = new Table().AddColumns("mode", "plastic synapses", "median wall s", "real-time factor", "spikes", "cost vs static", "target", "median cpu s", "cpu vs static");
            for (var m = 0; m < modes.Length; m++)
            {
                var plastic = modes[m].Network.Projections.Where(p => p.Plasticity is not null).Sum(p => (long)p.Table.Count);
                table.AddRow(Markup.Escape(modes[m].Name), $"{plastic:N0}", $"{medians[m]:0.000}", $"{RealTimeFactor.Of(medians[m], biological):0.000}", $"{results[m][0].Spikes:N0}",
                    $"{medians[m] / medians[0]:0.00}", Targets[m], $"{cpu[m]:0.000}", $"{cpu[m] / cpu[0]:0.00}");
            }
            console.Ansi.Write(table);
            console.Out.WriteLine($"{first.Populations.Sum(p => p.Size):N0} neurons, {first.SynapseCount:N0} synapses, {biological:0.###} s simulated, backend '{device.Name}', " +
                                  $"{runs} runs per mode (medians); real-time factor = wall / biological time");
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new
                {
                    benchmark = "plasticity", neurons = first.Populations.Sum(p => p.Size), synapses = first.SynapseCount, backend = device.Name,
                    duration_ms = time.Value, repeats = runs,
                    modes = modes.Select((mode, m) => new
                    {
                        mode = mode.Name, median_seconds = medians[m], ratio_to_static = medians[m] / medians[0],
                        median_cpu_seconds = cpu[m], cpu_ratio_to_static = cpu[m] / cpu[0],
                        spikes = results[m][0].Spikes, runs = results[m].Select(x => x.Seconds), cpu_runs = results[m].Select(x => x.CpuSeconds),
                    }),
                }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>Additive STDP with the rule's default amplitudes, bounded to [0, 2·w] for the excitatory weight w of <paramref name="cuba"/>.</summary>
    private static Func<ProjectionSpec, PlasticitySpec> StdpFor(NetworkSpec cuba) => projection =>
    {
        var weight = projection.Weight is ConstantValue { Value: var w } ? w.Value : throw new UsageException("the CUBA template's excitatory weights must be constants");
        return new PlasticitySpec { Rule = "stdp", Params = new Dictionary<string, Quantity> { ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(2 * weight) } };
    };

    /// <summary><paramref name="cuba"/> with <paramref name="rule"/> on every projection from the excitatory population.</summary>
    private static NetworkSpec Excitatory(NetworkSpec cuba, Func<ProjectionSpec, PlasticitySpec> rule) =>
        cuba with { Projections = [.. cuba.Projections.Select(p => p.Source == "exc" ? p with { Plasticity = rule(p) } : p)] };

    private static (double Seconds, double CpuSeconds, long Spikes) Run(CompiledNetwork network, IBackend backend, long steps, CancellationToken stopping)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = SimulationRunner.Run(network, backend, new BackendOptions(), [new MemorySink()], steps: steps, cancellationToken: stopping);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds, result.SpikesPerPopulation.Sum());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

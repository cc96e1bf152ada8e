using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.BrainRegions.WholeBrain;
using Cortex.Plots;
using Cortex.Recording;
using Cortex.Spec;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex brain</c>: a spiking whole-brain model from a TVB connectome (bundled <c>human_76</c>, a set name under
/// shared/data/tvb or <c>$CORTEX_DATA</c>, or any TVB folder), run through the same pipeline as <c>cortex run</c>
/// (spikes.parquet, summary.json), then per-region rates, the simulated functional connectivity and its correlation with
/// the structural weights.
/// </summary>
internal static class BrainCommand
{
    private const int MaxRasterNeurons = 200_000;

    public static Command Create(CliConsole console)
    {
        var defaults = new WholeBrainOptions();
        var connectome = new Option<string>("--connectome") { Description = $"Bundled '{ConnectomeCatalog.BundledName}', a set name under shared/data/tvb (or $CORTEX_DATA), or a TVB folder", DefaultValueFactory = _ => ConnectomeCatalog.BundledName };
        var neurons = new Option<int>("--neurons-per-region") { Description = "Neurons per region, 80 % excitatory", DefaultValueFactory = _ => defaults.NeuronsPerRegion };
        var duration = new Option<string>("--duration") { Description = "Simulated time, e.g. '1 s'", DefaultValueFactory = _ => "1 s" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory", DefaultValueFactory = _ => "out/brain" };
        var coupling = new Option<double>("--coupling") { Description = "Long-range excitatory inputs per neuron, as a multiple of local ones", DefaultValueFactory = _ => defaults.Coupling };
        var speed = new Option<double>("--speed") { Description = "Conduction speed, mm/ms", DefaultValueFactory = _ => defaults.SpeedMmPerMs };
        var background = new Option<double>("--background-rate") { Description = "Poisson background per neuron, Hz", DefaultValueFactory = _ => defaults.BackgroundRateHz };
        var inhibition = new Option<double>("--inhibition") { Description = "Relative inhibition g (inhibitory amplitude = −g · excitatory)", DefaultValueFactory = _ => defaults.InhibitionRatio };
        var bin = new Option<double>("--bin") { Description = "Bin width of region rate series for FC, ms", DefaultValueFactory = _ => 10 };
        var smooth = new Option<double>("--smooth") { Description = "Gaussian smoothing σ of the rate series, ms (0: none)", DefaultValueFactory = _ => 20 };
        var command = new Command("brain", "Spiking whole-brain model from a TVB connectome; writes region rates, FC heatmap, FC–SC correlation and spikes")
        {
            connectome, neurons, duration, seed, threads, output, coupling, speed, background, inhibition, bin, smooth,
        };
        command.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            var durationMs = TimeOption.Parse("--duration", parse.GetValue(duration)).Value;
            var options = defaults with
            {
                NeuronsPerRegion = parse.GetValue(neurons), DurationMs = durationMs, Seed = parse.GetValue(seed),
                Coupling = parse.GetValue(coupling), SpeedMmPerMs = parse.GetValue(speed), BackgroundRateHz = parse.GetValue(background),
                InhibitionRatio = parse.GetValue(inhibition),
            };
            // The options' own problems first: a bad duration is reported as such, not as a bin that no longer fits in it.
            if (options.Problems().FirstOrDefault() is { } problem) throw new UsageException(problem);
            var analysis = new Analysis(parse.GetValue(bin), parse.GetValue(smooth));
            if (!(analysis.BinMs > 0) || analysis.BinMs > durationMs / 4) throw new UsageException($"--bin must be > 0 and at most a quarter of the duration ({durationMs / 4} ms), got {analysis.BinMs}");
            if (!(analysis.SmoothMs >= 0)) throw new UsageException($"--smooth must be >= 0 ms, got {analysis.SmoothMs}");
            if (!(options.BackgroundRateHz >= 0)) throw new UsageException($"--background-rate must be >= 0 Hz, got {options.BackgroundRateHz}");
            if (!(options.InhibitionRatio >= 0)) throw new UsageException($"--inhibition must be >= 0, got {options.InhibitionRatio}");
            Run(console, parse.GetValue(connectome)!, options, analysis, parse.GetValue(threads), parse.GetValue(output)!);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>How the FC is measured: bin width, Gaussian smoothing σ, and the transient left out.</summary>
    private sealed record Analysis(double BinMs, double SmoothMs)
    {
        // The first 200 ms (at most a fifth of the run) settle the initial state; they are left out of the FC.
        public static double TransientMs(double durationMs) => Math.Min(200, durationMs / 5);
    }

    private static void Run(CliConsole console, string name, WholeBrainOptions options, Analysis analysis, int threads, string outputDirectory)
    {
        Connectome connectome;
        NetworkSpec spec;
        var loadClock = Stopwatch.StartNew();
        try
        {
            connectome = ConnectomeCatalog.Load(name);
            // The builder refuses a model too large to index (regions × neurons per region) as bad input.
            spec = WholeBrainNetwork.Build(connectome, options);
        }
        catch (Exception e) when (e is ConnectomeFormatException or ArgumentException)
        {
            throw new UsageException(e.Message);
        }
        console.Out.WriteLine($"connectome {connectome.Name}: {connectome.Count} regions, {connectome.EdgeCount():N0} directed edges; " +
                              $"spec built in {loadClock.Elapsed.TotalSeconds:0.00} s");
        var request = new RunRequest
        {
            SpecPath = $"connectome {connectome.Name}", Threads = threads, OutputDirectory = outputDirectory,
            Plot = (long)connectome.Count * options.NeuronsPerRegion <= MaxRasterNeurons,
            Placements = WholeBrainLayout.Placements(connectome, options), Bundles = WholeBrainLayout.Bundles(connectome),
        };
        var (summary, spikes) = RunPipeline.Execute(request, console, spec);

        var transient = Analysis.TransientMs(summary.DurationMs);
        var rates = RegionRates.Bin(spikes, [options.ExcitatoryPerRegion, options.InhibitoryPerRegion], connectome.Count, options.DtMs, summary.DurationMs, analysis.BinMs);
        var kept = rates.Select(s => s[(int)Math.Ceiling(transient / analysis.BinMs)..]).ToArray();
        var fc = FunctionalConnectivity.Correlation(FunctionalConnectivity.Smooth(kept, analysis.SmoothMs / analysis.BinMs));
        var fcSc = FunctionalConnectivity.StructureCorrelation(fc, connectome);
        var meanFc = MeanOffDiagonal(fc);

        WriteRates(Path.Combine(outputDirectory, "region_rates.csv"), connectome, RegionRates.Means(kept));
        WriteMatrix(Path.Combine(outputDirectory, "fc.csv"), fc);
        CorrelationMatrixPlot.Save(Path.Combine(outputDirectory, "fc.png"), fc,
            $"simulated FC, {connectome.Name} ({connectome.Count} regions), FC–SC r = {fcSc:0.000}");
        var peakMb = Bench.MemoryFigures.PeakRssMb();
        AddToSummary(Path.Combine(outputDirectory, "summary.json"), new JsonObject
        {
            ["connectome"] = connectome.Name,
            ["regions"] = connectome.Count,
            ["directed_edges"] = connectome.EdgeCount(),
            ["neurons_per_region"] = options.NeuronsPerRegion,
            ["coupling"] = options.Coupling,
            ["speed_mm_per_ms"] = options.SpeedMmPerMs,
            ["background_rate_hz"] = options.BackgroundRateHz,
            ["inhibition_ratio"] = options.InhibitionRatio,
            ["bin_ms"] = analysis.BinMs,
            ["smoothing_sigma_ms"] = analysis.SmoothMs,
            ["transient_ms"] = transient,
            ["sc_transform"] = "symmetrised raw weights: (W[i,j] plus W[j,i]) / 2; Pearson over the pairs i below j",
            ["fc_sc_correlation"] = double.IsFinite(fcSc) ? fcSc : null,
            ["mean_fc"] = meanFc,
            ["peak_working_set_mb"] = Math.Round(peakMb, 1),
        });
        console.Out.WriteLine($"FC–SC correlation {fcSc:0.000} (mean FC {meanFc:0.000}, {analysis.BinMs} ms bins, σ {analysis.SmoothMs} ms, first {transient} ms left out); peak memory {peakMb:0} MB");
        console.Out.WriteLine($"wrote {Path.Combine(outputDirectory, "region_rates.csv")}, fc.csv, fc.png; summary.json has a 'whole_brain' section");
    }

    private static double MeanOffDiagonal(double[,] m)
    {
        var n = m.GetLength(0);
        if (n < 2) return double.NaN;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (i != j) sum += m[i, j];
        return sum / (n * (n - 1));
    }

    private static void WriteRates(string path, Connectome connectome, double[] means)
    {
        var text = new StringBuilder("region,label,x_mm,y_mm,z_mm,rate_hz\n");
        for (var r = 0; r < connectome.Count; r++)
        {
            var c = connectome.CentresMm[r];
            text.Append(CultureInfo.InvariantCulture, $"{r},{connectome.Labels[r]},{c.X:0.###},{c.Y:0.###},{c.Z:0.###},{means[r]:0.####}\n");
        }
        File.WriteAllText(path, text.ToString());
    }

    private static void WriteMatrix(string path, double[,] m)
    {
        var text = new StringBuilder();
        for (var i = 0; i < m.GetLength(0); i++)
            text.AppendJoin(',', Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j].ToString("0.#####", CultureInfo.InvariantCulture))).Append('\n');
        File.WriteAllText(path, text.ToString());
    }

    private static void AddToSummary(string path, JsonObject section)
    {
        var summary = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
        summary["whole_brain"] = section;
        File.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}

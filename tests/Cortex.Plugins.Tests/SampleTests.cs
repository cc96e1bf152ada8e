using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Plugins.Tests;

/// <summary>
/// The sample third-party plugin (Plugins/samples/NeuroExtras), built on its own and dropped into a folder: it is
/// discovered, a spec naming its components runs, and its components behave as their closed forms promise.
/// </summary>
[Collection(BuiltPluginsGroup.Name)]
public sealed class SampleTests
{
    private readonly BuiltPlugins _built;

    public SampleTests(BuiltPlugins built) => _built = built;

    private PluginCatalog LoadSample()
    {
        var catalog = Catalogs.Load(_built.Sample);
        Assert.Empty(catalog.Faults);
        return catalog;
    }

    [Fact]
    public void Sample_DroppedIntoAPluginsFolder_IsDiscoveredAndRunsTheSpecThatNamesIt()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        var installed = Directory.CreateDirectory(Path.Combine(plugins, "NeuroExtras")).FullName;
        foreach (var file in Directory.EnumerateFiles(_built.Sample)) File.Copy(file, Path.Combine(installed, Path.GetFileName(file)));

        var list = Cli.Run("plugins", "--plugins", plugins);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"NeuroExtras.Qif 1.0.0 (--plugins, SDK {SdkVersion.Text})\n  path: {Path.Combine(installed, "NeuroExtras.dll")}\n  neuron models: qif", list.Out, StringComparison.Ordinal);
        Assert.Contains("NeuroExtras.Isp 1.0.0 (--plugins", list.Out, StringComparison.Ordinal);
        Assert.Contains("  plasticity rules: vogels_isp", list.Out, StringComparison.Ordinal);

        var output = dir.File("out");
        var run = Cli.Run("run", Repo.PathOf("Plugins", "samples", "NeuroExtras", "qif-isp.json"), "--plugins", plugins, "--out", output, "--no-plot");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Err);
        var spikes = ParquetRecordingReader.ReadSpikeRows(Path.Combine(output, "spikes.parquet"));
        // Hz per qif cell over the whole 5 s, against Brian2 running the same network: within 4 standard deviations of
        // the mean rate of independent instances (tools/reference/brian2_qif_isp.py).
        var (mean, sd) = QifIspReference("rate_whole_hz");
        Assert.InRange(spikes.Count(s => s.Population == "qif") / 10.0 / 5, mean - 4 * sd, mean + 4 * sd);
    }

    /// <summary>
    /// The mean and standard deviation across independent instances of a qif-cell rate of the qif-isp network in Brian2
    /// (tests/reference/brian2_qif_isp.json, 40 instances at the spec's dt of 0.1 ms). The run at half the step is there
    /// to show the rate does not hinge on the integration scheme: both agree within their errors.
    /// </summary>
    private static (double Mean, double Sd) QifIspReference(string statistic)
    {
        using var reference = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.PathOf("tests", "reference", "brian2_qif_isp.json")));
        var run = reference.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("dt_ms").GetDouble() == 0.1);
        var value = run.GetProperty(statistic);
        return (value.GetProperty("mean").GetDouble(), value.GetProperty("std").GetDouble());
    }

    // Closed form of the sample's QIF (see Qif.cs), computed here independently of the plugin.
    private static double QifInterval(double current, double cm = 0.25, double gl = 0.0125, double vRest = -65, double vCrit = -50,
        double vPeak = 20, double vReset = -70, double refractory = 0)
    {
        var width = vCrit - vRest;
        var middle = (vRest + vCrit) / 2;
        var kappa = Math.Sqrt(width * current / gl - width * width / 4);
        return cm / gl * width / kappa * (Math.Atan((vPeak - middle) / kappa) - Math.Atan((vReset - middle) / kappa)) + refractory;
    }

    private static (NetworkSpec Spec, string[] Populations) QifSpec(double dt, string duration, params (double Current, string Extra)[] cells)
    {
        var populations = cells.Select((c, i) =>
            $$"""{ "name": "q{{i}}", "size": 1, "model": "qif", "params": { "i_offset": "{{c.Current.ToString(System.Globalization.CultureInfo.InvariantCulture)}} nA"{{c.Extra}} } }""");
        var probes = cells.Select((_, i) => $$"""{ "type": "spikes", "population": "q{{i}}" }, { "type": "state", "population": "q{{i}}", "variable": "v", "interval": "{{dt.ToString(System.Globalization.CultureInfo.InvariantCulture)}} ms" }""");
        var json = $$"""
            { "name": "qif-isi", "simulation": { "dt": "{{dt.ToString(System.Globalization.CultureInfo.InvariantCulture)}} ms", "duration": "{{duration}}", "seed": 1 },
              "populations": [ {{string.Join(",", populations)}} ], "probes": [ {{string.Join(",", probes)}} ] }
            """;
        return (SpecJson.Parse(json), [.. cells.Select((_, i) => $"q{i}")]);
    }

    private static (List<SpikeRecord> Spikes, List<StateSample> Samples, CompiledNetwork Network) Run(PluginCatalog catalog, NetworkSpec spec, string backend)
    {
        var network = new NetworkCompiler(catalog.Registry).Compile(spec);
        var sink = new MemorySink();
        SimulationRunner.Run(network, catalog.Registry.GetBackend(backend), new BackendOptions(), [sink]);
        return ([.. sink.Spikes], [.. sink.Samples], network);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void Qif_InterSpikeInterval_IsTheClosedForm(string backend)
    {
        using var catalog = LoadSample();
        const double dt = 0.1;
        (double Current, string Extra, double Expected)[] cells =
        [
            (0.06, "", QifInterval(0.06)),       // just above the rheobase g_l·Δ/4 = 0.046875 nA: T ≈ 210 ms
            (0.2, "", QifInterval(0.2)),
            (1.0, "", QifInterval(1.0)),
            (0.3, """, "tau_refrac": "2 ms", "v_peak": "0 mV", "v_reset": "-60 mV" """, QifInterval(0.3, vPeak: 0, vReset: -60, refractory: 2)),
        ];
        var (spec, _) = QifSpec(dt, "2000 ms", [.. cells.Select(c => (c.Current, c.Extra))]);
        var (spikes, _, _) = Run(catalog, spec, backend);
        for (var i = 0; i < cells.Length; i++)
        {
            var times = spikes.Where(s => s.Population == i).Select(s => s.Step * dt).ToList();
            Assert.True(times.Count >= 5, $"cell {i}: {times.Count} spikes");
            var intervals = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
            // The spike registers at the end of the step in which v crosses v_peak: every interval is T rounded up to a step.
            Assert.All(intervals, isi => Assert.InRange(isi, cells[i].Expected - 1e-6, cells[i].Expected + dt + 1e-6));
        }
    }

    [Fact]
    public void Qif_WithFarPeakAndReset_FiresWithThePiOverRootPeriod()
    {
        using var catalog = LoadSample();
        const double current = 0.25, dt = 0.01;
        // T = π / √(g_l (I − I_rh) / (cm² Δ)) for v_peak → +∞, v_reset → −∞.
        var expected = Math.PI / Math.Sqrt(0.0125 * (current - 0.0125 * 15 / 4) / (0.25 * 0.25 * 15));
        var (spec, _) = QifSpec(dt, "300 ms", (current, """, "v_peak": "10000 mV", "v_reset": "-10000 mV" """));
        var (spikes, _, _) = Run(catalog, spec, "reference");
        var times = spikes.Select(s => s.Step * dt).ToList();
        var mean = (times[^1] - times[0]) / (times.Count - 1);
        Assert.True(times.Count >= 5);
        Assert.Equal(expected, mean, expected * 0.005);
    }

    [Fact]
    public void Qif_BelowTheRheobase_SettlesAtTheStableFixedPoint()
    {
        using var catalog = LoadSample();
        // c = Δ·I/g_l − Δ²/4 = 15·0.03/0.0125 − 56.25 = −20.25, so v* = v_m − √20.25 = −57.5 − 4.5 = −62 mV.
        var (spec, _) = QifSpec(0.1, "500 ms", (0.03, ""));
        var (spikes, samples, _) = Run(catalog, spec, "cpu");
        Assert.Empty(spikes);
        Assert.Equal(-62, samples[^1].Value, 1e-3);
    }

    [Fact]
    public void Isp_ChangesWeightsAsItsWindowPromises()
    {
        using var catalog = LoadSample();
        var rule = catalog.Registry.PlasticityRules["vogels_isp"];
        const double eta = 0.01, tau = 20, rho0 = 5, dt = 0.1;
        var values = new ParameterValues(rule.Parameters, new Dictionary<string, double> { ["eta"] = eta, ["tau"] = tau, ["rho_0"] = rho0, ["w_max"] = 1 });
        // The plugin's types live in its own load context: drive the rule through the SDK's visitor, as a backend does.
        var changes = rule.Accept(new IspProbe(values, dt, lag: 50));
        var alpha = 2 * rho0 * tau / 1000;
        var decay = Math.Exp(-50 * dt / tau);
        Assert.Equal(-eta * alpha, changes.PreAlone, 1e-6);              // a lone presynaptic spike depresses by η·α
        Assert.Equal(eta * decay, changes.PostAfterPre, 1e-6);           // pre then post, 5 ms apart: +η·e^(−Δt/τ)
        Assert.Equal(eta * (decay - alpha), changes.PreAfterPost, 1e-6); // post then pre: the same window, less α
        Assert.Equal(0f, changes.FloorFromZero);                         // weights never go below 0
        Assert.Equal(1f, changes.CeilingFromMax);                        // nor above w_max
    }

    [Fact]
    public void Isp_InARun_PullsTheRateTowardsItsTargetOnBothBackends()
    {
        using var catalog = LoadSample();
        var spec = SpecJson.Load(Repo.PathOf("Plugins", "samples", "NeuroExtras", "qif-isp.json"));
        var network = new NetworkCompiler(catalog.Registry).Compile(spec);
        var plastic = new[] { "reference", "cpu" }.Select(backend => RunRate(catalog, network, backend)).ToArray();
        Assert.Equal(plastic[0].Rate, plastic[1].Rate);
        Assert.Equal(plastic[0].Weights, plastic[1].Weights);
        var (rate, weights) = plastic[1];
        var staticSpec = spec with { Projections = [.. spec.Projections.Select(p => p with { Plasticity = null })] };
        var (staticRate, _) = RunRate(catalog, new NetworkCompiler(catalog.Registry).Compile(staticSpec), "cpu");

        // Over the last 2 s: without the rule the cells fire well above rho_0 = 5 Hz; with it, as Brian2 has the same
        // network fire (within 4 standard deviations of independent instances), which is near rho_0.
        Assert.True(staticRate > 10, $"without plasticity the qif cells fire at {staticRate:F2} Hz");
        var (mean, sd) = QifIspReference("rate_late_hz");
        Assert.True(Math.Abs(rate - mean) < 4 * sd, $"with vogels_isp the qif cells fire at {rate:F2} Hz; Brian2: {mean:F2} ± {sd:F2} Hz");
        Assert.Contains(weights, w => Math.Abs(w - 0.0005f) > 1e-4);
        Assert.All(weights, w => Assert.InRange(w, 0f, 0.05f));
    }

    /// <summary>The qif cells' mean rate over the last 2 s of the spec and the final inhibitory weights.</summary>
    private static (double Rate, float[] Weights) RunRate(PluginCatalog catalog, CompiledNetwork network, string backend)
    {
        var sink = new MemorySink();
        using var session = ClosedLoopSession.Open(network, catalog.Registry.GetBackend(backend), sinks: [sink]);
        session.Step((int)network.Steps);
        var weights = session.GetWeights("inhibition");
        session.Complete();
        var qif = session.Population("qif");
        var from = network.Steps - (long)Math.Round(2000 / network.Dt);
        var count = sink.Spikes.Count(s => s.Population == qif && s.Step >= from);
        return (count / 2.0 / network.Populations[qif].Size, weights);
    }

    /// <summary>Drives the sample's vogels_isp hooks through the visitor and reports the weight changes of a few pairings.</summary>
    private sealed class IspProbe(ParameterValues values, double dt, int lag)
        : IPlasticityRuleVisitor<(double PreAlone, double PostAfterPre, double PreAfterPost, float FloorFromZero, float CeilingFromMax)>
    {
        public (double PreAlone, double PostAfterPre, double PreAfterPost, float FloorFromZero, float CeilingFromMax) Visit<TSynapse, TPre, TPost, TParams, TRule>(
            PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule)
            where TSynapse : unmanaged
            where TPre : unmanaged
            where TPost : unmanaged
            where TParams : unmanaged
            where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
        {
            var p = rule.Prepare(values, dt);
            var hooks = default(TRule);
            RuleContext At(long step) => new(step, (float)dt, 0, 0, 0, default);

            // A presynaptic spike with no postsynaptic activity.
            var (synapse, pre, post) = (rule.InitialSynapse(in p), rule.InitialPre(in p), rule.InitialPost(in p));
            var w = 0.5f;
            hooks.OnPreArrival(ref synapse, ref w, ref pre, ref post, in p, At(0));
            var preAlone = w - 0.5;

            // A postsynaptic spike `lag` steps after that arrival.
            var before = w;
            hooks.OnPostSpike(ref synapse, ref w, ref pre, ref post, in p, At(lag));
            var postAfterPre = w - (double)before;

            // A fresh pair: a postsynaptic spike, its trace decayed over `lag` steps, then a presynaptic arrival.
            (synapse, pre, post) = (rule.InitialSynapse(in p), rule.InitialPre(in p), rule.InitialPost(in p));
            hooks.OnPostNeuronSpike(ref post, in p, At(0));
            for (var k = 0; k < lag; k++) hooks.AdvancePost(ref post, in p);
            w = 0.5f;
            hooks.OnPreArrival(ref synapse, ref w, ref pre, ref post, in p, At(lag));
            var preAfterPost = w - 0.5;

            // Bounds: depression from 0, potentiation from w_max.
            (synapse, pre, post) = (rule.InitialSynapse(in p), rule.InitialPre(in p), rule.InitialPost(in p));
            var floor = 0f;
            hooks.OnPreArrival(ref synapse, ref floor, ref pre, ref post, in p, At(0));
            var ceiling = 1f;
            hooks.OnPostSpike(ref synapse, ref ceiling, ref pre, ref post, in p, At(1));
            return (preAlone, postAfterPre, preAfterPost, floor, ceiling);
        }
    }
}

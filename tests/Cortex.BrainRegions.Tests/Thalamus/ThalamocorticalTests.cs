using System.Globalization;
using Cortex.Backends;
using Cortex.BrainRegions.Thalamus;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using Xunit.Abstractions;

namespace Cortex.BrainRegions.Tests.Thalamus;

/// <summary>
/// The <c>thalamocortical</c> circuit: spindle-range rhythm in sleep mode, none in wake mode, relay of input in wake
/// mode, the switch on a running session, and its error and thread contracts.
/// </summary>
public sealed class ThalamocorticalTests(ITestOutputHelper output)
{
    private const double BinMs = 2;
    private const double SettleMs = 500;

    private static NetworkSpec Spec(ThalamicMode mode, double durationMs, Action<NetworkBuilder>? extra = null, ulong seed = 3)
    {
        var builder = new NetworkBuilder().Dt(Q.Ms(0.1)).Duration(Q.Ms(durationMs)).Seed(seed)
            .RecordSpikes("t.tc").RecordSpikes("t.re")
            .Circuit("thalamocortical", "t", c => c.Param("mode", (double)mode));
        extra?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Spike counts of population number <paramref name="population"/> in bins of <see cref="BinMs"/> from <paramref name="fromMs"/> to <paramref name="toMs"/>.</summary>
    private static double[] Bins(IReadOnlyList<SpikeRecord> spikes, int population, double dt, double fromMs, double toMs)
    {
        var bins = new double[(int)((toMs - fromMs) / BinMs)];
        foreach (var s in spikes)
        {
            var t = s.Step * dt;
            if (s.Population == population && t >= fromMs && t < toMs) bins[(int)((t - fromMs) / BinMs)]++;
        }
        return bins;
    }

    private static int Index(Cortex.Compilation.CompiledNetwork network, string name) => network.Populations.ToList().FindIndex(p => p.Name == name);

    private (double Peak, double Band, double Rate) Analyse(ThalamicMode mode, ulong seed = 3)
    {
        const double duration = 3500;
        var (network, sink) = Runtime.Run(Spec(mode, duration, seed: seed));
        var tc = Index(network, "t.tc");
        var bins = Bins(sink.Spikes, tc, network.Dt, SettleMs, duration);
        // 1 s segments (500 bins of 2 ms) give 1 Hz resolution; half-overlapping, five of them in 3 s.
        var spectrum = PopulationSpectrum.Welch(bins, BinMs, 500);
        var rate = bins.Sum() / network.Populations[tc].Size / ((duration - SettleMs) / 1000);
        var result = (spectrum.PeakFrequency(2, 100), spectrum.BandFraction(7, 14), rate);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode} (seed {seed}): TC rate {result.rate:F1} Hz, spectral peak {result.Item1:F0} Hz, 7–14 Hz fraction of power {result.Item2:F3}"));
        return result;
    }

    [Theory]
    [InlineData(3UL)]
    [InlineData(5UL)]
    public void SleepPeaksInTheSpindleBand_WakeDoesNot(ulong seed)
    {
        var sleep = Analyse(ThalamicMode.Sleep, seed);
        var wake = Analyse(ThalamicMode.Wake, seed);
        Assert.InRange(sleep.Peak, 7, 14);
        Assert.False(wake.Peak is >= 7 and <= 14, $"wake peaks at {wake.Peak} Hz");
        Assert.True(sleep.Band > 2 * wake.Band, $"7–14 Hz power fraction: sleep {sleep.Band:F3}, wake {wake.Band:F3}");
        // Wake is the tonic relay state: TC fires more than in sleep, where it mostly waits for rebounds.
        Assert.True(wake.Rate > 2 * sleep.Rate, $"TC rate: wake {wake.Rate:F1} Hz, sleep {sleep.Rate:F1} Hz");
    }

    [Fact]
    public void Wake_TcRateFollowsAStepInItsInput()
    {
        // Poisson afferent input to every TC cell from 1 s to 2 s: the TC rate rises during it and falls back after.
        var spec = Spec(ThalamicMode.Wake, 3000, b => b.Stimulate(new PoissonStimulus
        {
            Target = "t.in", Rate = Q.Hz(1000), Weight = Q.NS(5), Start = Q.Ms(1000), Stop = Q.Ms(2000),
            Synapse = new SynapseSpec { Model = "exp_conductance", Port = "afferent", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5), ["e_rev"] = Q.MV(0) } },
        }));
        var (network, sink) = Runtime.Run(spec);
        var tc = Index(network, "t.tc");
        double Rate(double from, double to) => Bins(sink.Spikes, tc, network.Dt, from, to).Sum() / network.Populations[tc].Size / ((to - from) / 1000);
        var before = Rate(500, 1000);
        var during = Rate(1200, 2000);
        var after = Rate(2300, 3000);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TC rate before {before:F1} Hz, during the step {during:F1} Hz, after {after:F1} Hz"));
        Assert.True(during > 1.5 * before, $"during {during:F1} Hz vs before {before:F1} Hz");
        Assert.True(after < (before + during) / 2, $"after {after:F1} Hz should fall back towards {before:F1} Hz");
    }

    [Fact]
    public void TheSwitch_TakesARunningSleepingLoopToWake()
    {
        var circuit = new CircuitSpec { Type = "thalamocortical", Name = "t", Params = new Dictionary<string, Quantity> { ["mode"] = Q.Number(1) } };
        // The background Poisson drive is laid out up to the spec's duration, so it covers every step the session takes.
        var spec = new NetworkBuilder().Dt(Q.Ms(0.1)).Duration(Q.Ms(7000)).Seed(3).Build() with { Circuits = [circuit] };
        var network = Runtime.Compile(spec);
        using var session = ClosedLoopSession.Open(network, Runtime.Registry.GetBackend("cpu"), new BackendOptions { Threads = 2 });
        var modes = new ThalamicModeSwitch(circuit);
        (double Peak, double Band) Record()
        {
            var counts = new double[(int)(3000 / BinMs)];
            var binSteps = (int)Math.Round(BinMs / network.Dt);
            for (var b = 0; b < counts.Length; b++)
                for (var s = 0; s < binSteps; s++)
                {
                    session.Step();
                    counts[b] += session.Spikes("t.tc").Length;
                }
            var spectrum = PopulationSpectrum.Welch(counts, BinMs, 500);
            return (spectrum.PeakFrequency(2, 100), spectrum.BandFraction(7, 14));
        }

        session.Step((int)(SettleMs / network.Dt));
        var asleep = Record();
        modes.Apply(session, ThalamicMode.Wake);
        session.Step((int)(SettleMs / network.Dt));
        var awake = Record();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"asleep: peak {asleep.Peak} Hz, band {asleep.Band:F3}; switched to wake: peak {awake.Peak} Hz, band {awake.Band:F3}"));
        Assert.Equal(ThalamicMode.Wake, modes.Mode);
        Assert.InRange(asleep.Peak, 7, 14);
        Assert.True(asleep.Band > 2 * awake.Band, $"band fraction asleep {asleep.Band:F3}, after the switch {awake.Band:F3}");
    }

    [Fact]
    public void Spikes_AreTheSameOnOneAndTwoThreads()
    {
        var spec = Spec(ThalamicMode.Sleep, 400);
        var one = Runtime.Run(spec, threads: 1).Sink.Spikes;
        var two = Runtime.Run(spec, threads: 2).Sink.Spikes;
        Assert.NotEmpty(one);
        Assert.Equal(one.OrderBy(s => (s.Step, s.Population, s.Neuron)), two.OrderBy(s => (s.Step, s.Population, s.Neuron)));
    }

    [Fact]
    public void DefaultInstance_HasTheFourPopulations_AndTheLoopsOfTheThalamus()
    {
        var network = Runtime.Compile(Spec(ThalamicMode.Sleep, 1));
        Assert.Equal([("t.tc", 40), ("t.re", 40), ("t.cx", 80), ("t.cx_inh", 20)], network.Populations.Select(p => (p.Name, p.Size)));
        var names = network.Projections.Select(p => p.Name).ToHashSet();
        foreach (var loop in new[] { "t.tc_to_re", "t.re_to_tc", "t.re_to_re", "t.tc_to_cx", "t.cx_to_tc", "t.cx_to_re" }) Assert.Contains(loop, names);
        // GABA_B is off by default and appears, on its own slow receptor, when given a weight.
        Assert.DoesNotContain("t.re_to_tc_gaba_b", names);
        var withGabaB = Runtime.Compile(new NetworkBuilder().Duration(Q.Ms(1)).Circuit("thalamocortical", "t", c => c.Param("w_re_tc_gaba_b", "5 nS")).Build());
        var gabaB = withGabaB.Projections.Single(p => p.Name == "t.re_to_tc_gaba_b");
        var receptor = withGabaB.Populations[gabaB.Target].Receptors[gabaB.Receptor];
        Assert.Equal("gaba_b", receptor.Port);
        Assert.Equal(-95, receptor.Parameters["e_rev"], 9);
        // Inhibition reverses below rest; every RE→TC weight is the parameter's conductance (µS).
        var gabaA = network.Projections.Single(p => p.Name == "t.re_to_tc");
        Assert.Equal(-80, network.Populations[gabaA.Target].Receptors[gabaA.Receptor].Parameters["e_rev"], 9);
        Assert.Equal(0.02f, gabaA.Table.Weights.Distinct().Single(), 6);
    }

    [Theory]
    [InlineData("mode", "2")]
    [InlineData("n_tc", "1.5")]
    [InlineData("p_thalamus", "1.5")]
    [InlineData("w_re_tc", "-0.01 uS")]
    public void BadParameter_IsOneErrorAtItsPath(string name, string value)
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Circuit("thalamocortical", "t", c => c.Param(name, value)).Build();
        var error = Assert.Single(new SpecValidator(Runtime.Registry).Validate(spec));
        Assert.Equal($"circuits[0].params.{name}", error.Path);
    }
}

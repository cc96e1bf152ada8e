using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Backends;

/// <summary>
/// The reference backend's step semantics through the whole pipeline (spec → compiler → runner → sink),
/// checked against closed-form results. Order within step n (ReferenceSession): probes sample, arrivals
/// and stimuli spikes land, neurons advance, receptors decay, spikes are queued for step n + delay (one-step synapses
/// onto linear receptors add straight to the decayed state).
/// </summary>
public sealed class ReferenceSemanticsTests
{
    private const double Dt = 0.1;

    /// <summary>
    /// A perfect integrator that never fires: v changes only by input, dt·I/c_m per step, or by jumps.
    /// It makes receptor currents and arrivals visible in a state probe of v.
    /// </summary>
    private static Action<PopulationBuilder> Integrator(double vStart = 0, double cmNf = 0.25, Action<PopulationBuilder>? more = null) => p =>
    {
        p.Param("v_reset", Q.MV(vStart)).Param("v_thresh", Q.MV(1e6)).Param("cm", new Quantity(cmNf, Dimension.Capacitance)).Param("tau_refrac", Q.Ms(0));
        more?.Invoke(p);
    };

    private static NetworkBuilder Network(double durationMs, ulong seed = 1) => new NetworkBuilder().Dt(Q.Ms(Dt)).Duration(Q.Ms(durationMs)).Seed(seed);

    private static long Step(double ms) => (long)Math.Round(ms / Dt);

    [Theory]
    [InlineData(0.5, 2.0, -65.0)]
    [InlineData(0.25, 2.0, -65.0)]
    [InlineData(0.3, 5.0, -70.0)]
    [InlineData(1.5, 0.0, -60.0)]
    [InlineData(0.21, 3.0, -55.0)]
    public void Lif_WithDcInput_FiresAtTheClosedFormInterval(double current, double tRef, double vReset)
    {
        const double tau = 20, cm = 0.25, vRest = -65, vTh = -50;
        var spec = Network(600)
            .Population("n", 1, "lif", p => p.Param("tau_m", Q.Ms(tau)).Param("cm", new Quantity(cm, Dimension.Capacitance)).Param("v_rest", Q.MV(vRest))
                .Param("v_reset", Q.MV(vReset)).Param("v_thresh", Q.MV(vTh)).Param("tau_refrac", Q.Ms(tRef)))
            .Dc("n", Q.NA(current))
            .RecordSpikes("n")
            .Build();

        // v relaxes towards v∞ = v_rest + R·I (R = τ/c_m): from v_reset it reaches v_th after τ·ln((v∞ − v_reset)/(v∞ − v_th)).
        var vInf = vRest + tau / cm * current;
        var isi = tRef + tau * Math.Log((vInf - vReset) / (vInf - vTh));
        var first = tau * Math.Log((vInf - vRest) / (vInf - vTh));

        var steps = TestRuntime.Run(spec).SpikeSteps("n", 0);
        Assert.True(steps.Count >= 10, $"only {steps.Count} spikes");
        // A spike in step s happened during [s·dt, (s+1)·dt].
        Assert.InRange((steps[0] + 1) * Dt, first - 1e-6, first + Dt + 1e-6);
        // Every interval is the same whole number of steps, the closed form rounded up to the step that crosses the
        // threshold: a constant one-step error (21 refractory steps for 2 ms) fails.
        var period = steps[1] - steps[0];
        for (var i = 1; i < steps.Count; i++) Assert.Equal(period, steps[i] - steps[i - 1]);
        Assert.InRange(period * Dt, isi - 1e-6, isi + Dt + 1e-6);
    }

    [Fact]
    public void Lif_WithSubthresholdDc_SettlesAtRestPlusRIAndNeverFires()
    {
        // v∞ = -65 mV + 80 MΩ · 0.15 nA = -53 mV, below threshold; after 20 τ the gap to v∞ is e^-20 of the start.
        var spec = Network(400).Population("n", 1, "lif").Dc("n", Q.NA(0.15)).RecordSpikes("n").RecordState("n", "v").Build();
        var run = TestRuntime.Run(spec);
        Assert.Empty(run.Sink.Spikes);
        Assert.Equal(-53, run.Trace(0, 0)[Step(399.9)], 3);
    }

    [Fact]
    public void SpikeTimes_IntoADeltaSynapse_JumpVByTheWeightInTheRightStep()
    {
        var spec = Network(10)
            .Population("n", 1, "if", Integrator(vStart: -65))
            .Stimulate(new SpikeTimesStimulus { Target = "n", Times = [Q.Ms(2), Q.Ms(7.5)], Weight = Q.MV(1.5), Synapse = new SynapseSpec { Model = "delta" } })
            .RecordState("n", "v")
            .Build();
        var v = TestRuntime.Run(spec).Trace(0, 0);
        // A spike at t arrives in step t/dt, after that step's probe sample: the sample of the next step shows it.
        Assert.Equal(100, v.Count);
        foreach (var (step, value) in v)
        {
            var expected = step <= Step(2) ? -65f : step <= Step(7.5) ? -63.5f : -62f;
            Assert.True(expected == value, $"step {step}: v = {value}, expected {expected}");
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(2.3)]
    [InlineData(10.0)]
    public void SpikeThroughAProjection_ArrivesExactlyDelayStepsLater(double delayMs)
    {
        var spec = Network(25)
            .Population("pre", 1, "if", p => p.Param("tau_refrac", Q.Ms(0)))
            .Population("post", 1, "if", Integrator(vStart: -65))
            // 20 mV lifts the presynaptic neuron from -65 mV over its -50 mV threshold in the step of arrival.
            .Stimulate(new SpikeTimesStimulus { Target = "pre", Times = [Q.Ms(1)], Weight = Q.MV(20), Synapse = new SynapseSpec { Model = "delta", Port = "drive" } })
            .Connect("pre", "post", new OneToOneConnector(), Q.MV(2), Q.Ms(delayMs), new SynapseSpec { Model = "delta" })
            .RecordSpikes("pre")
            .RecordState("post", "v")
            .Build();
        var run = TestRuntime.Run(spec);
        var spikeStep = Assert.Single(run.SpikeSteps("pre", 0));
        Assert.Equal(Step(1), spikeStep);

        // Sent in step s, it lands in step s + d (before that step's update): first visible in the sample of step s + d + 1.
        var d = Step(delayMs);
        var v = run.Trace(0, 0);
        var firstChange = v.First(x => x.Value != -65f).Key;
        Assert.Equal(spikeStep + d + 1, firstChange);
        Assert.Equal(-63f, v[firstChange]);
        Assert.Equal(-63f, v.Last().Value);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(12.0)]
    public void ExpCurrent_DecaysWithTauSyn(double tauSyn)
    {
        const double w = 1.0, cm = 0.25, t0 = 1.0;
        var duration = t0 + 8 * tauSyn;
        var spec = Network(duration)
            .Population("n", 1, "if", Integrator(vStart: 0, cmNf: cm))
            .Stimulate(new SpikeTimesStimulus
            {
                Target = "n", Times = [Q.Ms(t0)], Weight = Q.NA(w),
                Synapse = new SynapseSpec { Model = "exp_current", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(tauSyn) } },
            })
            .RecordState("n", "v")
            .Build();
        var v = TestRuntime.Run(spec).Trace(0, 0);

        // The integrator turns the synaptic current of step k into the increment v[k+1] − v[k] = dt·I_k/c_m.
        var k0 = Step(t0);
        var current = new List<double>();
        for (var k = k0; k + 1 < Step(duration); k++) current.Add((v[k + 1] - v[k]) * cm / Dt);
        Assert.Equal(0f, v[k0]);

        // The whole weight flows in the step of arrival.
        Assert.Equal(w, current[0], 4);

        // ln I_k is linear in t with slope −1/τ_syn; fit it over three time constants.
        var fitSteps = (int)Math.Round(3 * tauSyn / Dt);
        var t = Enumerable.Range(0, fitSteps).Select(k => k * Dt).ToList();
        var (slope, intercept) = SpikeStatistics.LinearFit(t, [.. current.Take(fitSteps).Select(i => Math.Log(i))]);
        Assert.InRange(-1 / slope, tauSyn * 0.99, tauSyn * 1.01);
        Assert.InRange(Math.Exp(intercept), w * 0.99, w * 1.01);

        // Total charge w·τ_syn (continuous); the per-step sum differs by at most dt/τ_syn relative.
        var charge = v.Last().Value * cm;
        Assert.InRange(charge, w * tauSyn * (1 - Dt / tauSyn) * 0.999, w * tauSyn * (1 + Dt / tauSyn));
    }

    [Fact]
    public void ExpConductance_CurrentIsProportionalToTheDrivingForce()
    {
        const double g = 0.01, cm = 0.25, eRev = -80, tauSyn = 5;
        var synapse = new SynapseSpec
        {
            Model = "exp_conductance",
            Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(tauSyn), ["e_rev"] = Q.MV(eRev) },
        };
        double[] starts = [-60, -90, -70];
        var builder = Network(60);
        for (var i = 0; i < starts.Length; i++)
        {
            builder.Population($"n{i}", 1, "if", Integrator(vStart: -100, cmNf: cm, p => p.Init("v", Q.MV(starts[i]))));
            builder.Stimulate(new SpikeTimesStimulus { Target = $"n{i}", Times = [Q.Ms(1)], Weight = new Quantity(g, Dimension.Conductance), Synapse = synapse });
            builder.RecordState($"n{i}", "v");
        }
        var run = TestRuntime.Run(builder.Build());
        var k0 = Step(1);
        for (var i = 0; i < starts.Length; i++)
        {
            var v = run.Trace(i, 0);
            var v0 = starts[i];
            Assert.Equal(v0, v[k0], 4);

            // First step after arrival: I = g·(E_rev − v), so Δv = dt·g·(E_rev − v0)/c_m, sign included.
            Assert.Equal(Dt * g * (eRev - v0) / cm, v[k0 + 1] - v[k0], 5);

            // v moves towards E_rev and never crosses it.
            var values = v.Where(x => x.Key >= k0).Select(x => (double)x.Value).ToList();
            for (var k = 1; k < values.Count; k++)
            {
                Assert.True(Math.Abs(eRev - values[k]) <= Math.Abs(eRev - values[k - 1]) + 1e-5);
                Assert.True(Math.Sign(eRev - values[k]) == Math.Sign(eRev - v0));
            }

            // c_m dv/dt = g(t)(E_rev − v) gives (E_rev − v∞)/(E_rev − v0) = exp(−∫g dt / c_m) = exp(−g·τ_syn/c_m)
            // for any v0; the per-step integration is within 1% of that.
            var ratio = (eRev - values[^1]) / (eRev - v0);
            Assert.InRange(ratio, Math.Exp(-g * tauSyn / cm) * 0.99, Math.Exp(-g * tauSyn / cm) * 1.01);
        }
    }

    [Fact]
    public void PoissonInput_EventCountMatchesRateTimesDuration()
    {
        const int n = 200;
        const double rateHz = 40, tMs = 2000;
        var spec = Network(tMs + 1, seed: 17)
            .Population("n", n, "if", Integrator(vStart: 0))
            .Stimulate(new PoissonStimulus { Target = "n", Rate = Q.Hz(rateHz), Weight = Q.MV(1), Synapse = new SynapseSpec { Model = "delta" }, Stop = Q.Ms(tMs) })
            .RecordState("n", "v", interval: Q.Ms(1))
            .Build();
        var run = TestRuntime.Run(spec);

        // Each input event adds exactly 1 mV, so v at the end is the neuron's event count.
        var counts = Enumerable.Range(0, n).Select(i => (double)run.Trace(0, i)[Step(tMs)]).ToArray();
        Assert.All(counts, c => Assert.Equal(Math.Round(c), c));

        // The total is Poisson(N·rate·T): within 4 standard deviations of its mean.
        var mean = n * rateHz * tMs * 1e-3;
        Assert.InRange(counts.Sum(), mean - 4 * Math.Sqrt(mean), mean + 4 * Math.Sqrt(mean));

        // Per neuron Poisson(rate·T): variance equals mean (Fano factor 1). The sample variance of N = 200
        // draws has a relative standard error of about √(2/(N−1)) = 0.1: 4 of those is the band.
        var perNeuron = counts.Average();
        var variance = counts.Sum(c => (c - perNeuron) * (c - perNeuron)) / (n - 1);
        Assert.InRange(variance / perNeuron, 1 - 4 * Math.Sqrt(2.0 / (n - 1)), 1 + 4 * Math.Sqrt(2.0 / (n - 1)));
    }

    [Fact]
    public void PoissonInput_OnlyInsideItsWindow_AndOnlyOnItsIndices()
    {
        var spec = Network(30, seed: 5)
            .Population("n", 4, "if", Integrator(vStart: 0))
            .Stimulate(new PoissonStimulus
            {
                Target = "n", Indices = [1, 3], Rate = Q.Hz(2000), Weight = Q.MV(1), Synapse = new SynapseSpec { Model = "delta" },
                Start = Q.Ms(10), Stop = Q.Ms(20),
            })
            .RecordState("n", "v")
            .Build();
        var run = TestRuntime.Run(spec);
        foreach (var neuron in new[] { 0, 2 }) Assert.All(run.Trace(0, neuron).Values, x => Assert.Equal(0f, x));
        foreach (var neuron in new[] { 1, 3 })
        {
            var v = run.Trace(0, neuron);
            Assert.Equal(0f, v[Step(10)]); // nothing before step 100 (sampled before its arrivals)
            Assert.Equal(v[Step(20)], v[Step(29.9)]); // nothing from step 200 on
            Assert.InRange(v[Step(20)], 20 - 4 * Math.Sqrt(20), 20 + 4 * Math.Sqrt(20)); // Poisson(2 kHz · 10 ms)
        }
    }

    [Fact]
    public void DcStimulus_IsOnDuringStartToStop()
    {
        const double amplitude = 0.5, cm = 0.25;
        var spec = Network(10)
            .Population("n", 3, "if", Integrator(vStart: 0, cmNf: cm))
            .Dc("n", Q.NA(amplitude), indices: [0, 2], start: Q.Ms(2), stop: Q.Ms(5))
            .Dc("n", Q.NA(amplitude), indices: [2])
            .RecordState("n", "v")
            .Build();
        var run = TestRuntime.Run(spec);
        var perStep = Dt * amplitude / cm; // mV per step
        var v0 = run.Trace(0, 0);
        foreach (var (step, value) in v0)
        {
            // Current flows in steps [20, 50): the sample of step k shows the steps before it.
            var onSteps = Math.Clamp(step, Step(2), Step(5)) - Step(2);
            Assert.Equal(onSteps * perStep, value, 1e-4);
        }
        Assert.All(run.Trace(0, 1).Values, x => Assert.Equal(0f, x));
        // Two DC stimuli on one neuron add up.
        Assert.Equal((Step(9.9) + (Step(5) - Step(2))) * perStep, run.Trace(0, 2)[Step(9.9)], 1e-4);
    }

    [Fact]
    public void StateProbe_SamplesEveryIntervalFromStepZero()
    {
        var spec = Network(10).Population("n", 3, "lif").RecordState("n", "v", [2], Q.Ms(1.5)).Build();
        var samples = TestRuntime.Run(spec).Sink.Samples;
        Assert.Equal([0L, 15, 30, 45, 60, 75, 90], samples.Select(s => s.Step));
        Assert.All(samples, s => Assert.Equal(2, s.Neuron));
    }

    [Fact]
    public void SpikeProbeIndices_SelectWhatIsRecorded_ButEverySpikeIsCounted()
    {
        var spec = Network(100).Population("n", 4, "lif").Dc("n", Q.NA(0.5)).RecordSpikes("n", [0, 2]).Build();
        var run = TestRuntime.Run(spec);
        Assert.NotEmpty(run.Sink.Spikes);
        Assert.All(run.Sink.Spikes, s => Assert.Contains(s.Neuron, new[] { 0, 2 }));
        // Identical neurons with identical input fire together; the recorded half is half of all spikes.
        Assert.Equal(run.SpikeSteps("n", 0), run.SpikeSteps("n", 2));
        Assert.Equal(2 * run.Sink.Spikes.Count, run.Result.SpikesPerPopulation[0]);
    }

    [Fact]
    public void RecordedSpikes_AreInStepOrder()
    {
        var spec = Network(200, seed: 4)
            .Population("n", 300, "lif", p => p.Init("v", new UniformValue(Q.MV(-65), Q.MV(-50))))
            .Stimulate(new PoissonStimulus { Target = "n", Rate = Q.Hz(3000), Weight = Q.PA(30) })
            .RecordSpikes("n")
            .Build();
        var spikes = TestRuntime.Run(spec).Sink.Spikes;
        Assert.True(spikes.Count > 100, $"only {spikes.Count} spikes");
        for (var i = 1; i < spikes.Count; i++) Assert.True(spikes[i - 1].Step <= spikes[i].Step);
        Assert.Equal(spikes.Count, spikes.Distinct().Count());
    }
}

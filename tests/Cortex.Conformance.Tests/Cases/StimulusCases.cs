using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One case per stimulus kind, each on LIF neurons that only that stimulus drives, with a check against the stimulus'
/// own definition: a DC step gives the closed-form first spike and inter-spike interval, a Poisson train through a
/// supra-threshold voltage jump gives its rate (within 5 standard deviations) and nothing outside [start, stop), spike
/// times give a spike at each time on each target only.
/// </summary>
internal static class StimulusCases
{
    private const double Dt = 0.1;

    /// <summary>The cases by the stimulus' spec type, so <c>CoverageTests</c> can find a kind without one.</summary>
    public static IReadOnlyDictionary<Type, ConformanceCase> ByType { get; } = new Dictionary<Type, ConformanceCase>
    {
        [typeof(DcStimulus)] = Dc(),
        [typeof(PoissonStimulus)] = Poisson(),
        [typeof(SpikeTimesStimulus)] = SpikeTimes(),
    };

    private static ConformanceCase Dc()
    {
        // LIF: R = tau_m / cm = 80 MΩ; 0.3 nA gives R·I = 24 mV against a 15 mV threshold, so from rest the first spike comes
        // after T = tau_m·ln(24 / (24 − 15)) = 19.6 ms, then every 2 ms (refractory, clamped at rest) + T.
        const double onset = 10, stop = 70, tau = 20, ri = 0.3 * 80, refractory = 2;
        var spec = new NetworkBuilder("stimulus-dc").Dt(Q.Ms(Dt)).Duration(Q.Ms(80)).Seed(1)
            .Population("a", 20, "lif")
            .Dc("a", Q.NA(0.3), indices: [.. Enumerable.Range(0, 10)], start: Q.Ms(onset), stop: Q.Ms(stop))
            .RecordSpikes("a")
            .Build();
        var firstSteps = Math.Ceiling(tau * Math.Log(ri / (ri - 15)) / Dt);
        return new ConformanceCase("stimulus:dc", "stimulus", ["dc"], spec, Chaotic: false, (outcome, _, tolerance) =>
        {
            var trains = outcome.TrainsOf(0);
            Assert.Equal(Enumerable.Range(0, 10), trains.Keys.Order());
            foreach (var train in trains.Values)
            {
                Assert.InRange(train[0], onset / Dt + firstSteps - 1 - tolerance.SpikeStepWindow, onset / Dt + firstSteps + 1 + tolerance.SpikeStepWindow);
                for (var i = 1; i < train.Count; i++)
                    Assert.InRange(train[i] - train[i - 1], refractory / Dt + firstSteps - 2 - tolerance.SpikeStepWindow, refractory / Dt + firstSteps + 2 + tolerance.SpikeStepWindow);
                Assert.True(train[^1] <= stop / Dt + 1, $"a spike at step {train[^1]}, after the DC stopped");
            }
        });
    }

    private static ConformanceCase Poisson()
    {
        // A 20 mV jump on a LIF 15 mV below threshold, with no refractory period: every input spike is an output spike.
        const int neurons = 200;
        const double rate = 80, start = 20, stop = 120;
        var spec = new NetworkBuilder("stimulus-poisson").Dt(Q.Ms(Dt)).Duration(Q.Ms(150)).Seed(2)
            .Population("a", neurons, "lif", p => p.Param("tau_refrac", Q.Ms(0)))
            .Stimulate(new PoissonStimulus { Target = "a", Rate = Q.Hz(rate), Weight = Q.MV(20), Synapse = Drive.Jump, Start = Q.Ms(start), Stop = Q.Ms(stop) })
            .RecordSpikes("a")
            .Build();
        var expected = neurons * rate * (stop - start) * 1e-3;
        return new ConformanceCase("stimulus:poisson", "stimulus", ["poisson"], spec, Chaotic: false, (outcome, _, _) =>
        {
            Assert.InRange(outcome.Spikes.Count, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
            Assert.All(outcome.Spikes, s => Assert.InRange(s.Step, (long)(start / Dt), (long)(stop / Dt) + 2));
        });
    }

    private static ConformanceCase SpikeTimes()
    {
        double[] times = [10, 30.04, 55];
        int[] targets = [0, 2, 4];
        var spec = new NetworkBuilder("stimulus-spike-times").Dt(Q.Ms(Dt)).Duration(Q.Ms(80)).Seed(3)
            .Population("a", 8, "lif")
            .Stimulate(new SpikeTimesStimulus { Target = "a", Indices = targets, Times = [.. times.Select(Q.Ms)], Weight = Q.MV(20), Synapse = Drive.Jump })
            .RecordSpikes("a")
            .Build();
        return new ConformanceCase("stimulus:spike_times", "stimulus", ["spike_times"], spec, Chaotic: false, (outcome, _, tolerance) =>
        {
            var trains = outcome.TrainsOf(0);
            Assert.Equal(targets, trains.Keys.Order());
            foreach (var train in trains.Values)
            {
                Assert.Equal(times.Length, train.Count);
                for (var i = 0; i < times.Length; i++)
                    Assert.InRange(train[i], Math.Round(times[i] / Dt) - 1 - tolerance.SpikeStepWindow, Math.Round(times[i] / Dt) + 1 + tolerance.SpikeStepWindow);
            }
        });
    }
}

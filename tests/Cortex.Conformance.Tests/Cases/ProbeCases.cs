using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One case per probe kind. A spike probe on some neurons records exactly those neurons' spikes; a state probe samples
/// on its interval, and a LIF under a sub-threshold current follows the closed form v(t) = v_rest + R·I·(1 − e^(−t/τ)).
/// </summary>
internal static class ProbeCases
{
    private const double Dt = 0.1;

    /// <summary>The cases by the probe's spec type.</summary>
    public static IReadOnlyDictionary<Type, ConformanceCase> ByType { get; } = new Dictionary<Type, ConformanceCase>
    {
        [typeof(SpikeProbe)] = Spikes(),
        [typeof(StateProbe)] = State(),
    };

    private static ConformanceCase Spikes()
    {
        int[] recorded = [1, 3, 5, 8];
        var spec = new NetworkBuilder("probe-spikes").Dt(Q.Ms(Dt)).Duration(Q.Ms(60)).Seed(4)
            .Population("a", 10, "lif")
            .Dc("a", Q.NA(0.3))
            .RecordSpikes("a", recorded)
            .Build();
        return new ConformanceCase("probe:spikes", "probe", ["spikes"], spec, Chaotic: false, (outcome, _, _) =>
        {
            Assert.Equal(recorded, outcome.Spikes.Select(s => s.Neuron).Distinct().Order());
            // Every neuron gets the same current, so all ten fire alike; only the probed four are recorded.
            Assert.Equal(outcome.Counts[0], outcome.Spikes.Count / recorded.Length * 10);
        });
    }

    private static ConformanceCase State()
    {
        // 0.1 nA into R = 80 MΩ: v → −65 + 8 mV, below the −50 mV threshold, never firing.
        const int interval = 3;
        var spec = new NetworkBuilder("probe-state").Dt(Q.Ms(Dt)).Duration(Q.Ms(60)).Seed(4)
            .Population("a", 4, "lif")
            .Dc("a", Q.NA(0.1))
            .RecordState("a", "v", [0, 2], Q.Ms(interval * Dt))
            .Build();
        return new ConformanceCase("probe:state", "probe", ["state"], spec, Chaotic: false, (outcome, network, tolerance) =>
        {
            Assert.Equal(2 * (int)Math.Ceiling(network.Steps / (double)interval), outcome.Samples.Count);
            Assert.All(outcome.Samples, s =>
            {
                Assert.Equal(0, s.Step % interval);
                // A sample at step k is the state at t = k·dt, before step k is computed.
                var expected = -65 + 8 * (1 - Math.Exp(-s.Step * Dt / 20));
                Assert.True(Math.Abs(s.Value - expected) < 1e-3 + 8 * tolerance.ValueRelative, $"v at step {s.Step}: {s.Value} mV, closed form {expected:0.0000} mV");
            });
        });
    }
}

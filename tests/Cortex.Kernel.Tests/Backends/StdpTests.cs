using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Backends;

/// <summary>
/// STDP in a running network, observed twice: where the weight acts (a plastic delta synapse jumps the
/// postsynaptic v by its current weight at every arrival) and through the session's current weights at the
/// end. Both are compared with pair-based additive STDP (Song, Miller &amp; Abbott 2000) evaluated in closed
/// form with all-to-all exponential traces.
/// </summary>
public sealed class StdpTests
{
    private const double Dt = 0.1;
    private const double TauPlus = 20, TauMinus = 20, APlus = 0.01, AMinus = 0.012, WMax = 1, W0 = 0.5;
    private const double Delay = 1.0, Period = 50, FirstPre = 10;
    private const int Pairings = 10;

    private static long Step(double ms) => (long)Math.Round(ms / Dt);

    /// <summary>
    /// One presynaptic and one postsynaptic neuron. The presynaptic neuron fires at 10 + 50k ms (k = 0..9); its spike
    /// arrives after <see cref="Delay"/>; the postsynaptic neuron is made to fire <paramref name="lagMs"/> after each arrival
    /// by a strong kick on another port (so its spikes do not depend on the plastic weight).
    /// </summary>
    private static (List<double> Observed, double Final, long[] Arrivals, long[] PostSpikes) Run(double lagMs)
    {
        var preTimes = Enumerable.Range(0, Pairings).Select(k => Q.Ms(FirstPre + Period * k)).ToList();
        var kickTimes = preTimes.Select(t => Q.Ms(t.Value + Delay + lagMs)).ToList();
        var delta = new SynapseSpec { Model = "delta", Port = "kick" };
        var stdp = new PlasticitySpec
        {
            Rule = "stdp",
            Params = new Dictionary<string, Quantity>
            {
                ["tau_plus"] = Q.Ms(TauPlus), ["tau_minus"] = Q.Ms(TauMinus), ["a_plus"] = Q.Number(APlus), ["a_minus"] = Q.Number(AMinus),
                ["w_min"] = Q.Number(0), ["w_max"] = Q.Number(WMax),
            },
        };
        var spec = new NetworkBuilder().Dt(Q.Ms(Dt)).Duration(Q.Ms(FirstPre + Period * Pairings + 20))
            // No refractoriness and a reset to 0 mV: between events v of "post" stays put, so every jump is visible.
            .Population("pre", 1, "if", p => p.Param("tau_refrac", Q.Ms(0)))
            .Population("post", 1, "if", p => p.Param("v_reset", Q.MV(0)).Param("v_thresh", Q.MV(50)).Param("tau_refrac", Q.Ms(0)))
            .Stimulate(new SpikeTimesStimulus { Target = "pre", Times = preTimes, Weight = Q.MV(20), Synapse = delta })
            .Stimulate(new SpikeTimesStimulus { Target = "post", Times = kickTimes, Weight = Q.MV(100), Synapse = delta })
            .Connect("pre", "post", new OneToOneConnector(), Q.MV(W0), Q.Ms(Delay), new SynapseSpec { Model = "delta", Port = "plastic" }, stdp)
            .RecordSpikes("pre").RecordSpikes("post")
            .RecordState("post", "v")
            .Build();
        var (run, weights) = SessionRun.Run(TestRuntime.Compile(spec));

        var pre = run.SpikeSteps("pre", 0);
        var post = run.SpikeSteps("post", 0);
        Assert.Equal(preTimes.Select(t => Step(t.Value)), pre);
        Assert.Equal(kickTimes.Select(t => Step(t.Value)), post);

        var arrivals = pre.Select(s => s + Step(Delay)).ToArray();
        var v = run.Trace(0, 0);
        // The arrival in step a lands before that step's update: v[a + 1] − v[a] is the weight it carried.
        var observed = arrivals.Select(a => (double)(v[a + 1] - v[a])).ToList();
        return (observed, Assert.Single(weights[0]), arrivals, [.. post]);
    }

    /// <summary>
    /// Additive pair STDP, all-to-all: at an arrival w −= a_minus·w_max·Σ_post exp(−Δt/τ−) and the synapse transmits
    /// the new w; at a postsynaptic spike w += a_plus·w_max·Σ_pre exp(−Δt/τ+); w clipped to [0, w_max].
    /// </summary>
    private static (List<double> Transmitted, double Final) Expected(long[] arrivals, long[] postSpikes)
    {
        var events = arrivals.Select(a => (Step: a, Pre: true)).Concat(postSpikes.Select(p => (Step: p, Pre: false))).OrderBy(e => e.Step).ToList();
        var w = W0;
        var transmitted = new List<double>();
        foreach (var (step, isPre) in events)
        {
            if (isPre)
            {
                var y = postSpikes.Where(p => p < step).Sum(p => Math.Exp(-(step - p) * Dt / TauMinus));
                w = Math.Clamp(w - AMinus * WMax * y, 0, WMax);
                transmitted.Add(w);
            }
            else
            {
                var x = arrivals.Where(a => a <= step).Sum(a => Math.Exp(-(step - a) * Dt / TauPlus));
                w = Math.Clamp(w + APlus * WMax * x, 0, WMax);
            }
        }
        return (transmitted, w);
    }

    [Fact]
    public void PreBeforePost_Potentiates()
    {
        var (observed, final, arrivals, post) = Run(lagMs: 5);
        for (var i = 1; i < observed.Count; i++) Assert.True(observed[i] > observed[i - 1], $"weight did not grow at pairing {i}: {observed[i - 1]} → {observed[i]}");
        Assert.True(observed[^1] > W0);
        var expected = Expected(arrivals, post);
        Assert.Equal(expected.Transmitted, observed, (e, a) => Math.Abs(e - a) < 1e-5);
        Assert.Equal(expected.Final, final, 1e-5);
    }

    [Fact]
    public void PostBeforePre_Depresses()
    {
        var (observed, final, arrivals, post) = Run(lagMs: -5);
        for (var i = 1; i < observed.Count; i++) Assert.True(observed[i] < observed[i - 1], $"weight did not shrink at pairing {i}: {observed[i - 1]} → {observed[i]}");
        Assert.True(observed[0] < W0);
        var expected = Expected(arrivals, post);
        Assert.Equal(expected.Transmitted, observed, (e, a) => Math.Abs(e - a) < 1e-5);
        Assert.Equal(expected.Final, final, 1e-5);
    }

    [Fact]
    public void WeightChangeShrinksWithTheLag()
    {
        // The STDP window: the nearer the pairing, the larger the change.
        var near = Run(lagMs: 2).Observed[^1] - W0;
        var far = Run(lagMs: 15).Observed[^1] - W0;
        Assert.True(near > far && far > 0, $"near {near}, far {far}");
    }

    [Fact]
    public void StaticProjection_KeepsItsCompiledWeights()
    {
        var spec = new NetworkBuilder().Dt(Q.Ms(Dt)).Duration(Q.Ms(100)).Seed(2)
            .Population("a", 20, "lif").Population("b", 20, "lif")
            .Dc("a", Q.NA(0.5)).Dc("b", Q.NA(0.5))
            .Connect("a", "b", new FixedProbabilityConnector(0.5), new UniformValue(Q.PA(1), Q.PA(9)))
            .Connect("a", "b", new FixedProbabilityConnector(0.5), Q.PA(5), synapse: new SynapseSpec { Port = "plastic" },
                plasticity: new PlasticitySpec { Rule = "stdp", Params = new Dictionary<string, Quantity> { ["w_max"] = Q.Number(0.01) } })
            .Build();
        var network = TestRuntime.Compile(spec);
        var (run, weights) = SessionRun.Run(network);
        Assert.All(run.Result.SpikesPerPopulation, count => Assert.True(count > 0));
        Assert.Equal(network.Projections[0].Table.Weights, weights[0]);
        // The plastic twin fired under the same activity and moved away from its start, within [w_min, w_max].
        Assert.NotEqual(network.Projections[1].Table.Weights, weights[1]);
        Assert.All(weights[1], w => Assert.InRange(w, 0f, 0.01f));
    }
}

using Cortex.Recording;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Simulation;

/// <summary>
/// A seed fixes a run: the same seed gives the same spikes and samples, run after run and for any thread count;
/// another seed gives another run. The network is large enough (5000 > 4096 neurons) that the neuron update is
/// split into chunks, with Poisson input, recurrent random connectivity and random initial state.
/// </summary>
public sealed class DeterminismTests
{
    private static NetworkSpec Network(ulong seed) => new NetworkBuilder("determinism")
        .Dt(Q.Ms(0.1)).Duration(Q.Ms(150)).Seed(seed)
        .Population("n", 5000, "lif", p => p.Param("tau_refrac", Q.Ms(2)).Init("v", new UniformValue(Q.MV(-65), Q.MV(-50))))
        .Connect("n", "n", new FixedProbabilityConnector(0.002, AllowAutapses: false), new UniformValue(Q.PA(20), Q.PA(60)),
            new UniformValue(Q.Ms(0.5), Q.Ms(3)), new SynapseSpec { Model = "exp_current", Port = "exc" })
        .Connect("n", "n", new FixedInDegreeConnector(5), Q.PA(-100), Q.Ms(1), new SynapseSpec { Model = "exp_current", Port = "inh" })
        .Stimulate(new PoissonStimulus { Target = "n", Rate = Q.Hz(2000), Weight = Q.PA(25) })
        .RecordSpikes("n")
        .RecordState("n", "v", [0, 1, 4095, 4096, 4999], Q.Ms(0.5))
        .Build();

    private static MemorySink Run(ulong seed, int threads) => TestRuntime.Run(Network(seed), threads).Sink;

    [Fact]
    public void SameSeed_SameSpikes_ForAnyThreadCount_AndRunAfterRun()
    {
        var reference = Run(21, 1);
        var spikes = reference.Spikes;
        // The comparison means something only if both chunks of the population fire a good deal.
        Assert.True(spikes.Count(s => s.Neuron < 4096) > 2000, $"{spikes.Count} spikes");
        Assert.True(spikes.Count(s => s.Neuron >= 4096) > 400, $"{spikes.Count(s => s.Neuron >= 4096)} spikes in the second chunk");

        foreach (var threads in new[] { 1, 2, 4 })
        {
            var again = Run(21, threads);
            Assert.Equal(spikes, again.Spikes);
            Assert.Equal(reference.Samples, again.Samples);
        }
    }

    [Fact]
    public void DifferentSeed_DifferentSpikes()
    {
        var a = Run(21, 2).Spikes;
        var b = Run(22, 2).Spikes;
        Assert.NotEqual(a, b);
        // Not merely shifted: the first thousand spikes differ as sets of (neuron, step).
        Assert.NotEqual(a.Take(1000).ToHashSet(), b.Take(1000).ToHashSet());
    }
}

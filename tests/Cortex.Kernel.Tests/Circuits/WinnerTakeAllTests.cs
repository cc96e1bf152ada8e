using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Circuits;

/// <summary>The built-in <c>wta</c> circuit: its shape follows its parameters, and it makes groups compete.</summary>
public sealed class WinnerTakeAllTests
{
    [Fact]
    public void IsRegistered_WithItsPorts()
    {
        var wta = TestComponents.Registry.Circuits["wta"];
        Assert.Equal(["in", "out"], wta.Ports.Select(p => p.Name));
        foreach (var parameter in new[] { "groups", "group_size", "w_exc", "w_inh", "tau_syn" })
            Assert.Contains(wta.Parameters, p => p.Name == parameter);
    }

    [Fact]
    public void DefaultInstance_CompilesToTwoGroupsOfTwenty_AndAnInhibitoryPool()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Circuit("wta", "w").Build();
        var network = TestComponents.Compile(spec);
        Assert.Equal([("w.e", 40), ("w.i", 10)], network.Populations.Select(p => (p.Name, p.Size)));
        // Two groups of 20 with all ordered pairs inside each, then 40·10 each way through the pool.
        Assert.Equal(2 * 20 * 19 + 400 + 400, network.SynapseCount);
    }

    [Fact]
    public void InhibitionIsNegative_AndTimeConstantsFollowTauSyn()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Circuit("wta", "w", c => c.Param("tau_syn", "7 ms").Param("w_inh", "0.3 nA")).Build();
        var network = TestComponents.Compile(spec);
        var e = network.Populations[0];
        Assert.All(e.Receptors, r => Assert.Equal(7, r.Parameters["tau_syn"], 12));
        var inhibition = network.Projections.Single(p => p.Name == "w.i_to_e");
        Assert.Equal(-0.3f, inhibition.Table.Weights.Distinct().Single(), 6);
    }

    [Fact]
    public void TheMoreStronglyDrivenGroup_WinsAndSilencesTheOther()
    {
        // Group 0 gets 30 % more Poisson drive than group 1. Without inhibition both fire; with the default
        // inhibition the loser is pushed far below its uncoupled rate while the winner keeps firing.
        RunResult Run(Action<CircuitInstanceBuilder> parameters)
        {
            var spec = new NetworkBuilder().Dt(Q.Ms(0.1)).Duration(Q.Ms(500)).Seed(21)
                .Stimulate(new PoissonStimulus { Target = "bg.in", Indices = [.. Enumerable.Range(0, 20)], Rate = Q.Hz(2600), Weight = Q.NA(0.1) })
                .Stimulate(new PoissonStimulus { Target = "bg.in", Indices = [.. Enumerable.Range(20, 20)], Rate = Q.Hz(2000), Weight = Q.NA(0.1) })
                .RecordSpikes("bg.out")
                .Circuit("wta", "bg", parameters)
                .Build();
            return TestRuntime.Run(TestComponents.Compile(spec));
        }
        static (int Winner, int Loser) Counts(RunResult run)
        {
            var spikes = run.Spikes("bg.e");
            return (spikes.Count(s => s.Neuron < 20), spikes.Count(s => s.Neuron >= 20));
        }

        var free = Counts(Run(c => c.Param("w_inh", "0 nA")));
        var competing = Counts(Run(_ => { }));
        Assert.True(free.Loser > 0, $"without inhibition the weaker group fires too: {free}");
        Assert.True(competing.Winner > 2 * competing.Loser, $"winner {competing.Winner} vs loser {competing.Loser}");
        Assert.True(competing.Loser < free.Loser / 2, $"inhibition suppresses the loser: {competing.Loser} vs {free.Loser} uncoupled");
    }
}

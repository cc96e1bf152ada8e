using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// Recurrent (chaotic) networks: the CUBA benchmark (Vogels &amp; Abbott 2005, examples/cuba.json) and a recurrent network
/// that mixes every built-in receptor, STDP, heterogeneous delays and all three stimulus kinds. A last-bit difference
/// grows in them, so a toleranced backend is compared by rate and ISI CV per population.
/// </summary>
internal static class NetworkCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        var cuba = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
        yield return new ConformanceCase("network:cuba", "network", ["cuba"], cuba with { Simulation = cuba.Simulation with { Duration = Q.Ms(200) } }, Chaotic: true,
            (outcome, network, _) => Assert.True(outcome.Spikes.Count > 2000, $"CUBA should be active, got {outcome.Spikes.Count} spikes"));
        yield return new ConformanceCase("network:recurrent mixed", "network", ["recurrent mixed"], Mixed(), Chaotic: true,
            (outcome, network, _) =>
            {
                Assert.True(outcome.Counts.All(c => c > 200), $"both populations should be active, got {string.Join(", ", outcome.Counts)} spikes");
                Assert.True(network.MaxDelaySteps > network.MinDelaySteps, "delays should be heterogeneous");
            });
    }

    private static NetworkSpec Mixed()
    {
        var inhibitory = new SynapseSpec { Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10) } };
        var conductance = new SynapseSpec { Model = "exp_conductance", Port = "ampa", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(3) } };
        var alpha = new SynapseSpec { Model = "alpha_current", Port = "alpha", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(1.5) } };
        var stdp = new PlasticitySpec { Rule = "stdp", Params = new Dictionary<string, Quantity> { ["w_max"] = Q.Number(0.1), ["a_plus"] = Q.Number(0.05) } };
        return new NetworkBuilder("recurrent-mixed").Dt(Q.Ms(0.1)).Duration(Q.Ms(150)).Seed(11)
            .Population("a", 300, "lif", p => p.Param("tau_refrac", "2 ms").Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Population("b", 100, "lif")
            .Connect("a", "a", new FixedProbabilityConnector(0.05), Q.NA(0.02), new UniformValue(Q.Ms(0.1), Q.Ms(2.5)), Drive.Excitatory, stdp)
            .Connect("a", "b", new FixedInDegreeConnector(20), new NormalValue(Q.NS(2), Q.NS(0.5), Q.NS(0)), Q.Ms(1), conductance)
            .Connect("b", "a", new FixedOutDegreeConnector(30), Q.NA(-0.05), Q.Ms(0.5), inhibitory)
            .Connect("b", "b", new FixedProbabilityConnector(0.1), Q.MV(0.5), Q.Ms(0.2), Drive.Jump)
            .Connect("a", "b", new FixedInDegreeConnector(5), Q.NA(0.01), Q.Ms(0.6), alpha)
            .Stimulate(new PoissonStimulus { Target = "a", Rate = Q.Hz(800), Weight = Q.NA(0.1), Synapse = Drive.Excitatory })
            .Dc("b", Q.NA(0.3), start: Q.Ms(20), stop: Q.Ms(150))
            .Stimulate(new SpikeTimesStimulus { Target = "b", Indices = [0, 1, 2], Times = [Q.Ms(30), Q.Ms(30.04), Q.Ms(90)], Weight = Q.MV(5), Synapse = Drive.Jump })
            .RecordSpikes("a").RecordSpikes("b")
            .RecordState("a", "v", [0, 1, 7], Q.Ms(0.5))
            .Build();
    }
}

using Cortex.Models;
using Cortex.Registry;
using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One case per registered receptor (synapse model): a Poisson-driven LIF layer projects through it, with default
/// parameters and a moderate weight in its own dimension, onto LIF neurons held just below threshold by a DC bias. Without
/// that input the targets cannot fire (R·I = 12 mV against a 15 mV threshold), so their spikes are the receptor's doing;
/// the receptor's final state is compared too (bit-identical backends).
/// </summary>
internal static class ReceptorCases
{
    public static IEnumerable<ConformanceCase> From(ComponentRegistry registry) =>
        registry.SynapseModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal).Select(Case);

    private static ConformanceCase Case(SynapseModel receptor)
    {
        // NMDA is weakly open below threshold (Mg²⁺ block), and a pulse acts for one step only: both need more weight.
        var scale = receptor.Name switch { "nmda" => 40, "pulse_current" => 20, _ => 1 };
        var spec = new NetworkBuilder($"receptor-{receptor.Name}").Dt(Q.Ms(0.1)).Duration(Q.Ms(80)).Seed(5)
            .Population("in", 60, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Population("t", 60, "lif")
            .Stimulate(new PoissonStimulus { Target = "in", Rate = Q.Hz(1500), Weight = Q.NA(0.1), Synapse = Drive.Excitatory })
            .Dc("t", Q.NA(0.15))
            .Connect("in", "t", new FixedInDegreeConnector(8), Drive.Weight(receptor.WeightDimension, scale), Q.Ms(1), Drive.Receptor(receptor.Name, "r"))
            .RecordSpikes("in").RecordSpikes("t")
            .RecordState("t", "v", [0, 1, 2], Q.Ms(0.5))
            .Build();
        return new ConformanceCase($"receptor:{receptor.Name}", "receptor", [receptor.Name], spec, Chaotic: false, (outcome, _, _) =>
        {
            var spikes = outcome.Spikes.Count(s => s.Population == 1);
            Assert.True(spikes >= 5, $"receptor '{receptor.Name}' drove its targets to {spikes} spikes in 80 ms: give it more weight in {nameof(ReceptorCases)}");
        });
    }
}

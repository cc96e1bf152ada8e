using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Cases;
using Cortex.Spec;

namespace Cortex.Conformance.Tests.ClosedLoop;

/// <summary>
/// The network the closed-loop calls drive: "in" (LIF, silent unless spikes are injected) projects to "a" (LIF held
/// 3 mV below threshold by a DC bias, plus a weak Poisson drive) through a static projection, and when asked through an
/// STDP one as well; "a" inhibits itself. The neuromodulator "dopamine" is declared; with a dopamine reader a population
/// of <c>lif_dopamine</c> neurons reads it, so setting it changes spikes.
/// </summary>
internal static class LoopNetwork
{
    public const int Inputs = 40, Neurons = 120;

    /// <summary>The plastic projection's name.</summary>
    public const string PlasticProjection = "in->a stdp";

    public static CompiledNetwork Compile(bool dopamineReader, bool plastic)
    {
        var builder = new NetworkBuilder("closed-loop").Dt(Q.Ms(0.1)).Duration(Q.Ms(1000)).Seed(21)
            .Neuromodulator("dopamine", baseline: 0, tau: Q.Ms(20))
            .Population("in", Inputs, "lif")
            .Population("a", Neurons, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Dc("a", Q.NA(0.15))
            .Stimulate(new PoissonStimulus { Target = "a", Rate = Q.Hz(300), Weight = Q.NA(0.1), Synapse = Drive.Excitatory })
            .Connect("in", "a", new FixedProbabilityConnector(0.2), Q.NA(0.4), Q.Ms(1), Drive.Excitatory, projectionName: "in->a")
            .Connect("a", "a", new FixedProbabilityConnector(0.05), Q.NA(-0.2), new UniformValue(Q.Ms(0.5), Q.Ms(3)),
                new SynapseSpec { Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(8) } }, projectionName: "a->a")
            .RecordSpikes("in").RecordSpikes("a");
        if (plastic)
        {
            builder.Connect("in", "a", new FixedProbabilityConnector(0.2), Q.NA(0.3), Q.Ms(1.5), Drive.Excitatory,
                new PlasticitySpec { Rule = "stdp", Params = new Dictionary<string, Quantity> { ["w_max"] = Q.Number(1) } }, PlasticProjection);
        }
        if (dopamineReader)
        {
            builder.Population("d", 60, "lif_dopamine", p => p.Param("da_gain", Q.Number(2)).Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
                .Dc("d", Q.NA(0.15))
                .Connect("in", "d", new FixedProbabilityConnector(0.2), Q.NA(0.3), Q.Ms(1), Drive.Excitatory, projectionName: "in->d")
                .RecordSpikes("d");
        }
        return new NetworkCompiler(ConformanceRuntime.Registry).Compile(builder.Build());
    }
}

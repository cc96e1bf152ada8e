using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Running;
using Cortex.Models;
using Cortex.Registry;
using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One case per registered plasticity rule, with its default parameters: a Poisson-driven LIF layer projects plastically
/// (through exp_current, or the first receptor the rule accepts) onto Poisson-driven LIF neurons, so pre and post both
/// fire; neuromodulators the rule reads are declared with a non-zero baseline so a three-factor rule learns too. The
/// final weights must have moved (or, for a rule that scales efficacy without storing weights, the post spikes must
/// differ from the same network without the rule) and agree with the reference's.
/// </summary>
internal static class PlasticityRuleCases
{
    public static IEnumerable<ConformanceCase> From(ComponentRegistry registry) =>
        registry.PlasticityRules.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => Case(r, registry));

    private static ConformanceCase Case(PlasticityRule rule, ComponentRegistry registry)
    {
        var receptor = rule.Refuses(registry.SynapseModels["exp_current"]) is null
            ? registry.SynapseModels["exp_current"]
            : registry.SynapseModels.Values.OrderBy(m => m.Name, StringComparer.Ordinal).First(m => rule.Refuses(m) is null);
        var builder = new NetworkBuilder($"rule-{rule.Name}").Dt(Q.Ms(0.1)).Duration(Q.Ms(100)).Seed(3);
        foreach (var neuromodulator in rule.Neuromodulators) builder.Neuromodulator(neuromodulator, baseline: 1, tau: Q.Ms(100));
        var spec = builder
            .Population("pre", 50, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Population("post", 40, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            .Stimulate(new PoissonStimulus { Target = "pre", Rate = Q.Hz(1500), Weight = Q.NA(0.1), Synapse = Drive.Excitatory })
            .Stimulate(new PoissonStimulus { Target = "post", Rate = Q.Hz(1200), Weight = Q.NA(0.1), Synapse = Drive.Excitatory })
            .Connect("pre", "post", new FixedInDegreeConnector(10), Drive.Weight(receptor.WeightDimension, 0.3), new UniformValue(Q.Ms(0.5), Q.Ms(2)),
                Drive.Receptor(receptor.Name, "plastic"), new PlasticitySpec { Rule = rule.Name }, "pre->post")
            .RecordSpikes("pre").RecordSpikes("post")
            .Build();
        // The same network without the rule, for a rule that acts on efficacy without storing weights (short-term plasticity).
        var withoutRule = new Lazy<CaseOutcome>(() =>
        {
            var plain = spec with { Projections = [.. spec.Projections.Select(p => p with { Plasticity = null })] };
            return CaseRun.Run(new NetworkCompiler(ConformanceRuntime.Registry).Compile(plain), ConformanceRuntime.Get("reference"));
        });
        return new ConformanceCase($"plasticity rule:{rule.Name}", "plasticity rule", [rule.Name, receptor.Name], spec, Chaotic: false, (outcome, network, _) =>
        {
            Assert.True(outcome.Counts[0] > 30 && outcome.Counts[1] > 30, $"rule '{rule.Name}': pre and post should both fire, got {outcome.Counts[0]} and {outcome.Counts[1]} spikes");
            var initial = network.Projections[0].Table.Weights;
            Assert.True(!initial.AsSpan().SequenceEqual(outcome.Weights[0]) || outcome.Counts[1] != withoutRule.Value.Counts[1],
                $"rule '{rule.Name}' neither moved a weight nor changed a post spike in 100 ms");
            Assert.All(outcome.Weights[0], w => Assert.True(float.IsFinite(w), $"rule '{rule.Name}' made a weight non-finite"));
        });
    }
}

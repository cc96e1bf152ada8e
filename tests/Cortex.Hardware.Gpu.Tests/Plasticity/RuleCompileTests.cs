using Cortex.Hardware.Gpu.Plasticity;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests.Plasticity;

/// <summary>
/// Whether a GPU could run a rule is decided before the run by compiling the rule's specialised kernels to PTX (sm_70)
/// without a device: every built-in rule compiles, or is refused by name with the reason. A plugin rule is treated the
/// same way: one that clips with <c>Math.Clamp</c> (which ILGPU cannot compile, as it throws) is refused by name, the same
/// rule clipping with <see cref="WeightBounds.Clip"/> compiles.
/// </summary>
public sealed class RuleCompileTests
{
    // Rules the gpu backend refuses, and a word the reason must contain.
    private static readonly Dictionary<string, string> Refused = new() { ["rstdp"] = "neuromodulators" };

    [Fact]
    public void Every_built_in_rule_compiles_to_ptx_or_is_refused_by_name()
    {
        var rules = GpuRun.Registry.PlasticityRules.Values.ToList();
        Assert.Contains(rules, r => r.Name == "stdp");
        foreach (var rule in rules)
        {
            var problem = GpuPlasticProjections.Problem(rule);
            if (Refused.TryGetValue(rule.Name, out var reason)) Assert.Contains(reason, problem ?? "(compiled)", StringComparison.Ordinal);
            else Assert.True(problem is null, $"{rule.Name}: {problem}");
        }
    }

    [Fact]
    public void The_backend_refuses_a_rule_by_name_before_the_run()
    {
        var network = PlasticRun.Network(PlasticRun.Rule("rstdp"));
        var unsupported = GpuRun.Registry.GetBackend("gpu").Unsupported(network);
        Assert.Contains(unsupported, line => line.StartsWith("plasticity rule 'rstdp': ", StringComparison.Ordinal) && line.Contains("neuromodulators", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plugin_rule_compiles_unless_it_calls_what_ilgpu_cannot()
    {
        var refusal = GpuPlasticProjections.Problem(new ClampingRule());
        Assert.NotNull(refusal);
        Assert.Contains("ILGPU cannot compile", refusal, StringComparison.Ordinal);
        Assert.Null(GpuPlasticProjections.Problem(new ClippingRule()));
    }

    /// <summary>A plugin-style rule: each arrival adds eta to the weight, clipped by Math.Clamp.</summary>
    private sealed class ClampingRule : PlasticityRule<NoState, NoState, NoState, ClampingRule.Params, ClampingRule.Rule>
    {
        public override string Name => "test_clamping";
        public override string Description => "adds eta at each arrival, clipped with Math.Clamp";
        public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("eta", Dimension.Dimensionless, 0.01, ValueRule.Any, "step")];
        public override Params Prepare(ParameterValues values, double dt) => new() { Eta = (float)values["eta"] };

        public struct Params
        {
            public float Eta;
        }

        public readonly struct Rule : ISynapticRule<NoState, NoState, NoState, Params>
        {
            public float OnPreArrival(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in Params p, in RuleContext context) =>
                weight = Math.Clamp(weight + p.Eta, 0, 1);
            public void OnPostSpike(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in Params p, in RuleContext context) { }
            public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context) { }
            public void OnPostNeuronSpike(ref NoState post, in Params p, in RuleContext context) { }
            public void AdvancePre(ref NoState pre, in Params p) { }
            public void AdvancePost(ref NoState post, in Params p) { }
            public void Update(ref NoState synapse, ref float weight, ref NoState post, in Params p, in RuleContext context, int steps) { }
        }
    }

    /// <summary>The same rule clipping with <see cref="WeightBounds.Clip"/>.</summary>
    private sealed class ClippingRule : PlasticityRule<NoState, NoState, NoState, ClampingRule.Params, ClippingRule.Rule>
    {
        public override string Name => "test_clipping";
        public override string Description => "adds eta at each arrival, clipped with WeightBounds.Clip";
        public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("eta", Dimension.Dimensionless, 0.01, ValueRule.Any, "step")];
        public override ClampingRule.Params Prepare(ParameterValues values, double dt) => new() { Eta = (float)values["eta"] };

        public readonly struct Rule : ISynapticRule<NoState, NoState, NoState, ClampingRule.Params>
        {
            public float OnPreArrival(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in ClampingRule.Params p, in RuleContext context) =>
                weight = WeightBounds.Clip(weight + p.Eta, 0, 1);
            public void OnPostSpike(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in ClampingRule.Params p, in RuleContext context) { }
            public void OnPreNeuronSpike(ref NoState pre, in ClampingRule.Params p, in RuleContext context) { }
            public void OnPostNeuronSpike(ref NoState post, in ClampingRule.Params p, in RuleContext context) { }
            public void AdvancePre(ref NoState pre, in ClampingRule.Params p) { }
            public void AdvancePost(ref NoState post, in ClampingRule.Params p) { }
            public void Update(ref NoState synapse, ref float weight, ref NoState post, in ClampingRule.Params p, in RuleContext context, int steps) { }
        }
    }
}

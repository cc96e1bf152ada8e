using Cortex.Hardware.Gpu.Plasticity;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests.Plasticity;

/// <summary>
/// Whether a GPU could run a rule is decided before the run by compiling the rule's specialised kernels to PTX (sm_70)
/// without a device: every built-in rule compiles, or is refused by name with the reason. A plugin rule is treated the
/// same way: one that clips with <c>Math.Clamp</c> (which ILGPU cannot compile, as it throws) or reads a neuromodulator by
/// indexing the span <see cref="RuleContext.Neuromodulators"/> is refused, the same rule clipping with
/// <see cref="WeightBounds.Clip"/> and reading <see cref="RuleContext.Neuromodulator"/> compiles.
/// </summary>
public sealed class RuleCompileTests
{
    [Fact]
    public void Every_built_in_rule_compiles_to_ptx()
    {
        var rules = GpuRun.Registry.PlasticityRules.Values.ToList();
        Assert.Contains(rules, r => r.Name == "stdp");
        foreach (var rule in rules)
        {
            var problem = GpuPlasticProjections.Problem(rule);
            Assert.True(problem is null, $"{rule.Name}: {problem}");
        }
    }

    [Fact]
    public void The_backend_accepts_a_rule_that_reads_a_neuromodulator()
    {
        var network = PlasticRun.Network(PlasticRun.Rule("rstdp"));
        Assert.Empty(GpuRun.Registry.GetBackend("gpu").Unsupported(network));
    }

    [Fact]
    public void A_plugin_rule_compiles_unless_it_calls_what_ilgpu_cannot()
    {
        var refusal = GpuPlasticProjections.Problem(new ClampingRule());
        Assert.NotNull(refusal);
        Assert.Contains("ILGPU cannot compile", refusal, StringComparison.Ordinal);
        Assert.Null(GpuPlasticProjections.Problem(new ClippingRule()));
        Assert.Contains("ILGPU cannot compile", GpuPlasticProjections.Problem(new SpanReadingRule()), StringComparison.Ordinal);
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

    /// <summary>Reads its neuromodulator from the span, which ILGPU cannot index.</summary>
    private sealed class SpanReadingRule : PlasticityRule<NoState, NoState, NoState, ClampingRule.Params, SpanReadingRule.Rule>
    {
        public override string Name => "test_span_reading";
        public override string Description => "adds eta times a level (read from the span) at each arrival";
        public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("eta", Dimension.Dimensionless, 0.01, ValueRule.Any, "step")];
        public override IReadOnlyList<string> Neuromodulators => ["dopamine"];
        public override ClampingRule.Params Prepare(ParameterValues values, double dt) => new() { Eta = (float)values["eta"] };

        public readonly struct Rule : ISynapticRule<NoState, NoState, NoState, ClampingRule.Params>
        {
            public float OnPreArrival(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in ClampingRule.Params p, in RuleContext context) =>
                weight += p.Eta * context.Neuromodulators[0];
            public void OnPostSpike(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in ClampingRule.Params p, in RuleContext context) { }
            public void OnPreNeuronSpike(ref NoState pre, in ClampingRule.Params p, in RuleContext context) { }
            public void OnPostNeuronSpike(ref NoState post, in ClampingRule.Params p, in RuleContext context) { }
            public void AdvancePre(ref NoState pre, in ClampingRule.Params p) { }
            public void AdvancePost(ref NoState post, in ClampingRule.Params p) { }
            public void Update(ref NoState synapse, ref float weight, ref NoState post, in ClampingRule.Params p, in RuleContext context, int steps) { }
        }
    }

    /// <summary>The same rule clipping with <see cref="WeightBounds.Clip"/>, scaled by a neuromodulator read portably.</summary>
    private sealed class ClippingRule : PlasticityRule<NoState, NoState, NoState, ClampingRule.Params, ClippingRule.Rule>
    {
        public override string Name => "test_clipping";
        public override string Description => "adds eta times a level at each arrival, clipped with WeightBounds.Clip";
        public override IReadOnlyList<string> Neuromodulators => ["dopamine"];
        public override IReadOnlyList<ParameterSpec> Parameters { get; } = [new("eta", Dimension.Dimensionless, 0.01, ValueRule.Any, "step")];
        public override ClampingRule.Params Prepare(ParameterValues values, double dt) => new() { Eta = (float)values["eta"] };

        public readonly struct Rule : ISynapticRule<NoState, NoState, NoState, ClampingRule.Params>
        {
            public float OnPreArrival(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in ClampingRule.Params p, in RuleContext context) =>
                weight = WeightBounds.Clip(weight + p.Eta * context.Neuromodulator(0), 0, 1);
            public void OnPostSpike(ref NoState synapse, ref float weight, ref NoState pre, ref NoState post, in ClampingRule.Params p, in RuleContext context) { }
            public void OnPreNeuronSpike(ref NoState pre, in ClampingRule.Params p, in RuleContext context) { }
            public void OnPostNeuronSpike(ref NoState post, in ClampingRule.Params p, in RuleContext context) { }
            public void AdvancePre(ref NoState pre, in ClampingRule.Params p) { }
            public void AdvancePost(ref NoState post, in ClampingRule.Params p) { }
            public void Update(ref NoState synapse, ref float weight, ref NoState post, in ClampingRule.Params p, in RuleContext context, int steps) { }
        }
    }
}

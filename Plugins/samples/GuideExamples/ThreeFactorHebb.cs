using Cortex.Models;
using Cortex.Units;

namespace GuideExamples;

/// <summary>
/// A three-factor Hebbian rule (Frémaux &amp; Gerstner 2016, Front. Neural Circuits 9:85): coincident pre- and postsynaptic
/// activity only tags a synapse; a neuromodulator turns the tag into a weight change.
/// <code>
/// x_j    presynaptic trace, per presynaptic neuron: +1 per spike, decays with tau_pre
/// e_ij   eligibility, per synapse: each postsynaptic spike adds x_j, decays with tau_e
/// dw_ij/dt = eta·D·e_ij,   D the level of the neuromodulator "dopamine";  w clipped to [w_min, w_max]
/// </code>
/// e ≥ 0 and eta ≥ 0, so weights move only while D ≠ 0, and in the sign of D. Integrated every step (EveryStep):
/// w ← clip(w + eta·D·e·dt), then e ← e·exp(−dt/tau_e). The trace counts from emission, not arrival; with long delays,
/// keep it per synapse at arrival as the built-in stdp does.
/// </summary>
public sealed class ThreeFactorHebb : PlasticityRule<float, float, NoState, ThreeFactorHebb.Params, ThreeFactorHebb.Rule>
{
    public override string Name => "guide_reward_hebb";
    public override string Description => "three-factor Hebbian rule: eligibility from pre·post coincidence, dw = eta·dopamine·eligibility (guide example)";
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_pre", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace"),
        new("tau_e", Dimension.Time, 200, ValueRule.Positive, "time constant of the eligibility"),
        new("eta", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "learning rate per ms, weight units per unit of dopamine and eligibility"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
    ];
    public override IReadOnlyList<string> Neuromodulators { get; } = ["dopamine"];
    public override PlasticitySchedule Schedule => PlasticitySchedule.EveryStep;

    public override Params Prepare(ParameterValues p, double dt) => new(
        (float)Math.Exp(-dt / p["tau_pre"]), (float)Math.Exp(-dt / p["tau_e"]), (float)(p["eta"] * dt), (float)p["w_min"], (float)p["w_max"]);

    public readonly record struct Params(float TraceDecay, float EligibilityDecay, float RatePerStep, float WMin, float WMax);

    // State levels: per synapse the eligibility (float), per presynaptic neuron the trace (float), per postsynaptic neuron nothing.
    public readonly struct Rule : ISynapticRule<float, float, NoState, Params>
    {
        public float OnPreArrival(ref float eligibility, ref float weight, ref float trace, ref NoState post, in Params p, in RuleContext context) => weight;
        public void OnPostSpike(ref float eligibility, ref float weight, ref float trace, ref NoState post, in Params p, in RuleContext context) => eligibility += trace;
        public void OnPreNeuronSpike(ref float trace, in Params p, in RuleContext context) => trace += 1;
        public void OnPostNeuronSpike(ref NoState post, in Params p, in RuleContext context) { }
        public void AdvancePre(ref float trace, in Params p) => trace *= p.TraceDecay;
        public void AdvancePost(ref NoState post, in Params p) { }

        public void Update(ref float eligibility, ref float weight, ref NoState post, in Params p, in RuleContext context, int steps)
        {
            var dopamine = context.Neuromodulator(0);   // in the order of Neuromodulators above
            if (dopamine != 0) weight = WeightBounds.Clip(weight + p.RatePerStep * dopamine * eligibility, p.WMin, p.WMax);
            eligibility *= p.EligibilityDecay;
        }
    }
}

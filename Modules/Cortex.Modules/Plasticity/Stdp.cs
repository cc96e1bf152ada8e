using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Pair-based STDP with exponential traces and all-to-all spike interaction. The presynaptic trace x
/// (time constant tau_plus) and the postsynaptic trace y (tau_minus) jump by 1 on a spike and decay by
/// exp(−dt/τ) per step. A postsynaptic spike potentiates and a presynaptic spike depresses:
/// additive (multiplicative = 0, Song et al. 2000): Δw = +a_plus·w_max·x, Δw = −a_minus·w_max·y;
/// multiplicative (multiplicative = 1, van Rossum et al. 2000, Gütig et al. 2003 with μ = 1):
/// Δw = +a_plus·(w_max − w)·x, Δw = −a_minus·(w − w_min)·y. The weight is then clipped to
/// [w_min, w_max]. w_min and w_max are plain numbers read in the projection's internal weight unit
/// (mV, nA or µS, as its synapse model says).
/// </summary>
public sealed class Stdp : PlasticityRule
{
    public override string Name => "stdp";

    public override string Description => "pair-based STDP, exponential all-to-all traces, additive or multiplicative, clipped";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace (potentiation window)"),
        new("tau_minus", Dimension.Time, 20, ValueRule.Positive, "time constant of the postsynaptic trace (depression window)"),
        new("a_plus", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "potentiation amplitude, as a fraction of w_max"),
        new("a_minus", Dimension.Dimensionless, 0.012, ValueRule.NonNegative, "depression amplitude, as a fraction of w_max"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
        new("multiplicative", Dimension.Dimensionless, 0, ValueRule.Probability, "0: additive updates; 1: weight-dependent (multiplicative) updates"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
        if (p["multiplicative"] is not (0 or 1))
            yield return new("multiplicative", $"must be 0 (additive) or 1 (multiplicative), got {p["multiplicative"]}");
    }

    public override PairPlasticity Prepare(ParameterValues p, double dt) => new Prepared(
        (float)Math.Exp(-dt / p["tau_plus"]),
        (float)Math.Exp(-dt / p["tau_minus"]),
        (float)p["a_plus"],
        (float)p["a_minus"],
        (float)p["w_min"],
        (float)p["w_max"],
        p["multiplicative"] != 0);

    private sealed class Prepared(
        float preTraceDecay, float postTraceDecay, float aPlus, float aMinus, float wMin, float wMax, bool multiplicative)
        : PairPlasticity
    {
        public override float PreTraceDecay => preTraceDecay;

        public override float PostTraceDecay => postTraceDecay;

        public override float OnPreSpike(float weight, float postTrace)
        {
            var scale = multiplicative ? weight - wMin : wMax;
            return Math.Clamp(weight - aMinus * scale * postTrace, wMin, wMax);
        }

        public override float OnPostSpike(float weight, float preTrace)
        {
            var scale = multiplicative ? wMax - weight : wMax;
            return Math.Clamp(weight + aPlus * scale * preTrace, wMin, wMax);
        }
    }
}

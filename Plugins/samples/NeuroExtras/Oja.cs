using Cortex.Models;
using Cortex.Units;

namespace NeuroExtras;

/// <summary>
/// Oja's rule (Oja 1982), dw/dt = η·y·(x − y·w), in its spike-based form: the presynaptic activity x is the
/// presynaptic trace (time constant tau_pre) and the postsynaptic activity y is the postsynaptic trace (tau_post)
/// including the current spike. On each postsynaptic spike w ← w + η·(x − y·w), clipped to [w_min, w_max];
/// presynaptic spikes change nothing. The −y²·w term keeps weights bounded without clipping: for constant
/// activities w approaches x/y geometrically, by a factor (1 − η·y) per postsynaptic spike.
/// Uses the SDK's three-argument <see cref="PairPlasticity.OnPostSpike(float, float, float)"/>, which passes the post trace.
/// </summary>
public sealed class Oja : PlasticityRule
{
    /// <inheritdoc />
    public override string Name => "oja";

    /// <inheritdoc />
    public override string Description => "Oja's rule with spike traces (NeuroExtras sample plugin): on a post spike w += eta·(x − y·w)";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "learning rate per postsynaptic spike"),
        new("tau_pre", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace x"),
        new("tau_post", Dimension.Time, 20, ValueRule.Positive, "time constant of the postsynaptic trace y"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 10, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"]) yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
    }

    /// <inheritdoc />
    public override PairPlasticity Prepare(ParameterValues p, double dt) => new Prepared(
        (float)Math.Exp(-dt / p["tau_pre"]), (float)Math.Exp(-dt / p["tau_post"]), (float)p["eta"], (float)p["w_min"], (float)p["w_max"]);

    private sealed class Prepared(float preDecay, float postDecay, float eta, float wMin, float wMax) : PairPlasticity
    {
        public override float PreTraceDecay => preDecay;

        public override float PostTraceDecay => postDecay;

        public override float OnPreSpike(float weight, float postTrace) => weight;

        public override float OnPostSpike(float weight, float preTrace, float postTrace)
        {
            var y = postTrace + 1;
            return Math.Clamp(weight + eta * (preTrace - y * weight), wMin, wMax);
        }
    }
}

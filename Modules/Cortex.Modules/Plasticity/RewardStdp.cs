using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Reward-modulated STDP with a per-synapse eligibility trace (Izhikevich 2007, "Solving the distal reward
/// problem"; Frémaux &amp; Gerstner 2016). Pairings do not change the weight; they tag the synapse:
/// a post spike adds a_plus·x to the eligibility c (x: presynaptic trace, τ_plus), an arriving pre spike
/// adds −a_minus·y (y: postsynaptic trace, τ_minus). The tag decays, dc/dt = −c/τ_c, and the weight follows
/// the neuromodulator <c>dopamine</c> (level d, set by a task or a caller): dw/dt = η·d·c, clipped to
/// [w_min, w_max]. So a reward that arrives seconds after a pairing still credits it, by c's decay.
/// Integrated per step: c ← c·exp(−dt/τ_c) and w ← clip(w + η·d·c·dt), after the step's pairings.
/// <para>Declare <c>dopamine</c> in the spec (<c>"neuromodulators": [{ "name": "dopamine", "tau": "200 ms" }]</c>): undeclared,
/// its level is a constant 0 unless a closed-loop caller sets it, so nothing is learnt (validation warns). The bounds are
/// weights, so they must be weights the receptor accepts: w_min &lt; 0 on a conductance is refused by validation.
/// Izhikevich's classical-conditioning experiment with this rule: <c>tests/Cortex.Kernel.Tests/Plasticity/RewardStdpTests.cs</c>.</para>
/// </summary>
public sealed class RewardStdp : PlasticityRule<RewardStdp.Synapse, NoState, RewardStdp.Post, RewardStdp.Params, RewardStdp.Rule>
{
    public override string Name => "rstdp";

    public override string Description => "reward-modulated STDP: eligibility trace per synapse, weight change = eta·dopamine·eligibility";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace"),
        new("tau_minus", Dimension.Time, 20, ValueRule.Positive, "time constant of the postsynaptic trace"),
        new("a_plus", Dimension.Dimensionless, 1, ValueRule.NonNegative, "eligibility added per post spike, times the pre trace"),
        new("a_minus", Dimension.Dimensionless, 1.5, ValueRule.NonNegative, "eligibility removed per pre spike, times the post trace"),
        new("tau_c", Dimension.Time, 1000, ValueRule.Positive, "decay time constant of the eligibility trace"),
        new("eta", Dimension.Dimensionless, 0.001, ValueRule.NonNegative, "learning rate per ms, in weight units per unit of dopamine and eligibility"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
    ];

    public override IReadOnlyList<string> Neuromodulators { get; } = ["dopamine"];

    public override PlasticitySchedule Schedule => PlasticitySchedule.EveryStep;

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        PreDecay = (float)Math.Exp(-dt / p["tau_plus"]),
        PostDecay = (float)Math.Exp(-dt / p["tau_minus"]),
        EligibilityDecay = (float)Math.Exp(-dt / p["tau_c"]),
        APlus = (float)p["a_plus"],
        AMinus = (float)p["a_minus"],
        RatePerStep = (float)(p["eta"] * dt),
        WMin = (float)p["w_min"],
        WMax = (float)p["w_max"],
    };

    public struct Params
    {
        public float PreDecay, PostDecay, EligibilityDecay, APlus, AMinus, RatePerStep, WMin, WMax;
    }

    /// <summary>Eligibility and the presynaptic trace, kept per synapse at arrival time and decayed lazily.</summary>
    public struct Synapse
    {
        public float Eligibility;
        public LazyTrace PreTrace;
    }

    /// <summary>The postsynaptic trace.</summary>
    public struct Post
    {
        public float Trace;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            synapse.PreTrace.Add(1, context.Step, p.PreDecay);
            synapse.Eligibility -= p.AMinus * post.Trace;
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context) =>
            synapse.Eligibility += p.APlus * synapse.PreTrace.At(context.Step, p.PreDecay);

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context) => post.Trace += 1;

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        public void AdvancePost(ref Post post, in Params p) => post.Trace = TraceMath.Decay(post.Trace, p.PostDecay);

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps)
        {
            var dopamine = context.Neuromodulator(0);
            if (dopamine != 0 && synapse.Eligibility != 0)
                weight = WeightBounds.Clip(weight + p.RatePerStep * dopamine * synapse.Eligibility, p.WMin, p.WMax);
            synapse.Eligibility = TraceMath.Decay(synapse.Eligibility, p.EligibilityDecay);
        }
    }
}

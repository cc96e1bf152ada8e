using System.Runtime.CompilerServices;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Pair-based STDP with exponential traces. The presynaptic trace x (time constant tau_plus) lives at the synapse
/// and is updated when a presynaptic spike arrives there (after its axonal delay); the postsynaptic trace y
/// (tau_minus) is updated when the postsynaptic neuron spikes. Both decay by exp(−dt/τ) per step, computed lazily when read.
/// <para><b>Timing.</b> Δt = t_post − t_arrival, measured at the synapse: t_arrival = t_emission + delay (NEST measures
/// at the synapse too, with the delay on the dendritic side). A presynaptic arrival depresses with y as it stands before
/// that step's postsynaptic spikes; a postsynaptic spike potentiates with x including arrivals in the same step, so
/// Δt = 0 counts as pre-before-post.</para>
/// <para><b>Spike pairing</b> (<c>nearest_spike</c>). 0, all-to-all (Song, Miller &amp; Abbott 2000; Morrison, Diesmann &amp;
/// Gerstner 2008, "Phenomenological models of synaptic plasticity based on spike timing", Biol Cybern 98:459): a spike
/// adds 1 to its trace, so every earlier spike of the other side counts. 1, symmetric nearest-neighbour (Morrison et al.
/// 2008, Fig. 7A; NEST <c>stdp_nn_symm_synapse</c>): a spike resets its trace to 1, so a postsynaptic spike pairs only
/// with the last presynaptic arrival before it and an arrival only with the last postsynaptic spike before it.</para>
/// <para><b>Weight dependence and bounds.</b> A postsynaptic spike changes w by +a_plus·f₊(w)·x, an arrival by
/// −a_minus·f₋(w)·y.
/// Hard bounds (<c>soft_bounds</c> = 0): additive (<c>multiplicative</c> = 0, Song et al. 2000) f₊ = f₋ = w_max;
/// multiplicative (<c>multiplicative</c> = 1) f₊ = w_max − w, f₋ = w − w_min; the result is clipped to [w_min, w_max].
/// Soft bounds (<c>soft_bounds</c> = 1; Gütig, Aharonov, Rotter &amp; Sompolinsky 2003, J Neurosci 23:3697, with the
/// weight range R = w_max − w_min in place of their normalised [0, 1]; μ = 1 is the multiplicative rule of van Rossum,
/// Bi &amp; Turrigiano 2000): f₊ = R^(1−μ)·max(w_max − w, 0)^μ, f₋ = R^(1−μ)·max(w − w_min, 0)^μ, μ = <c>mu</c> in (0, 1],
/// and the weight is <i>not</i> clipped. The bounds are then approached asymptotically: with μ = 1 each update moves w a
/// fraction a·trace of the way to its bound, so w stays in [w_min, w_max] as long as a_plus·x ≤ 1 and a_minus·y ≤ 1
/// (always true for nearest-neighbour traces, which never exceed 1, with amplitudes ≤ 1). A larger step (all-to-all
/// traces at high rates, or μ &lt; 1 very close to a bound) can cross the bound; the max(…, 0) then stops any further
/// change towards it and only the opposite update brings the weight back.</para>
/// <para>w_min and w_max are plain numbers read in the projection's internal weight unit (mV, nA or µS, as its synapse
/// model says). The defaults (all-to-all, additive, hard bounds) are the rule as it was before the switches existed,
/// bit for bit.</para>
/// </summary>
public sealed class Stdp : PlasticityRule<Stdp.Synapse, NoState, Stdp.Post, Stdp.Params, Stdp.Rule>
{
    public override string Name => "stdp";

    public override string Description => "pair-based STDP, exponential traces, all-to-all or nearest-spike, additive or multiplicative, hard (clipped) or soft bounds";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace (potentiation window)"),
        new("tau_minus", Dimension.Time, 20, ValueRule.Positive, "time constant of the postsynaptic trace (depression window)"),
        new("a_plus", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "potentiation amplitude, as a fraction of w_max (soft bounds: of the weight dependence f+)"),
        new("a_minus", Dimension.Dimensionless, 0.012, ValueRule.NonNegative, "depression amplitude, as a fraction of w_max (soft bounds: of the weight dependence f-)"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
        new("multiplicative", Dimension.Dimensionless, 0, ValueRule.Probability, "hard bounds only; 0: additive updates; 1: weight-dependent (multiplicative) updates"),
        new("nearest_spike", Dimension.Dimensionless, 0, ValueRule.Probability, "0: all-to-all pairing (a spike adds 1 to its trace); 1: symmetric nearest-neighbour pairing (a spike resets its trace to 1)"),
        new("soft_bounds", Dimension.Dimensionless, 0, ValueRule.Probability, "0: hard bounds (the weight is clipped to [w_min, w_max]); 1: soft bounds (weight dependence with exponent mu, no clipping)"),
        new("mu", Dimension.Dimensionless, 1, ValueRule.Probability, "soft bounds only: exponent of the weight dependence (Gütig et al. 2003), in (0, 1]; 1 is multiplicative"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
        if (p["multiplicative"] is not (0 or 1))
            yield return new("multiplicative", $"must be 0 (additive) or 1 (multiplicative), got {p["multiplicative"]}");
        if (p["nearest_spike"] is not (0 or 1))
            yield return new("nearest_spike", $"must be 0 (all-to-all) or 1 (nearest-neighbour), got {p["nearest_spike"]}");
        if (p["soft_bounds"] is not (0 or 1))
            yield return new("soft_bounds", $"must be 0 (hard bounds, clipped) or 1 (soft bounds), got {p["soft_bounds"]}");
        if (p["soft_bounds"] == 1)
        {
            if (p["multiplicative"] != 0)
                yield return new("multiplicative", "must be 0 with soft_bounds = 1: soft bounds set their own weight dependence through mu");
            if (p["mu"] <= 0)
                yield return new("mu", $"must be above 0 with soft_bounds = 1 (mu = 0 would be additive updates without any bound), got {p["mu"]}");
        }
        else if (p["mu"] != 1)
        {
            yield return new("mu", $"acts only with soft_bounds = 1; leave it at 1 with hard bounds, got {p["mu"]}");
        }
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        PreDecay = new TraceDecay(dt, p["tau_plus"]),
        PostDecay = new TraceDecay(dt, p["tau_minus"]),
        APlus = (float)p["a_plus"],
        AMinus = (float)p["a_minus"],
        WMin = (float)p["w_min"],
        WMax = (float)p["w_max"],
        Multiplicative = p["multiplicative"] != 0,
        Nearest = p["nearest_spike"] != 0,
        SoftBounds = p["soft_bounds"] != 0,
        Mu = (float)p["mu"],
        RangeScale = (float)Math.Pow(p["w_max"] - p["w_min"], 1 - p["mu"]),
    };

    public struct Params
    {
        public TraceDecay PreDecay, PostDecay;
        public float APlus, AMinus, WMin, WMax;
        public bool Multiplicative, Nearest, SoftBounds;

        /// <summary>Soft bounds: the exponent μ and R^(1−μ), R = w_max − w_min.</summary>
        public float Mu, RangeScale;
    }

    /// <summary>The presynaptic trace, kept per synapse at arrival time (so each synapse's delay counts), decayed lazily from its last arrival.</summary>
    public struct Synapse
    {
        public LazyTrace Trace;
    }

    /// <summary>The postsynaptic trace, decayed lazily from the neuron's last spike (no per-step work for silent neurons).</summary>
    public struct Post
    {
        public LazyTrace Trace;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        // Inlined into the engine's loops: the context's unused fields then cost nothing.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            if (p.Nearest) synapse.Trace = new LazyTrace { Value = 1, Step = context.Step };
            else synapse.Trace.Add(1, context.Step, in p.PreDecay);
            // Depression reads the post trace before this step's post spikes.
            var postTrace = post.Trace.At(context.Step, in p.PostDecay);
            if (p.SoftBounds)
            {
                weight -= p.AMinus * SoftDependence(weight - p.WMin, in p) * postTrace;
                return weight;
            }
            var scale = p.Multiplicative ? weight - p.WMin : p.WMax;
            weight = WeightBounds.Clip(weight - p.AMinus * scale * postTrace, p.WMin, p.WMax);
            return weight;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            if (p.SoftBounds)
            {
                weight += p.APlus * SoftDependence(p.WMax - weight, in p) * synapse.Trace.At(context.Step, in p.PreDecay);
                return;
            }
            var scale = p.Multiplicative ? p.WMax - weight : p.WMax;
            weight = WeightBounds.Clip(weight + p.APlus * scale * synapse.Trace.At(context.Step, in p.PreDecay), p.WMin, p.WMax);
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context)
        {
            if (p.Nearest) post.Trace = new LazyTrace { Value = 1, Step = context.Step };
            else post.Trace.Add(1, context.Step, in p.PostDecay);
        }

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        // Both traces are lazy: nothing to do per step.
        public void AdvancePost(ref Post post, in Params p)
        {
        }

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps)
        {
        }

        // Soft bounds: R^(1−μ)·max(distance to the bound, 0)^μ (μ = 1: the distance itself).
        private static float SoftDependence(float distance, in Params p)
        {
            var d = MathF.Max(distance, 0);
            return p.Mu == 1 ? d : p.RangeScale * MathF.Pow(d, p.Mu);
        }
    }
}

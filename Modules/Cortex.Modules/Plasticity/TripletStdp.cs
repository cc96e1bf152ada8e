using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Triplet STDP (Pfister &amp; Gerstner 2006, "Triplets of spikes in a model of spike timing-dependent plasticity",
/// J Neurosci 26(38):9673–9682, doi:10.1523/JNEUROSCI.1425-06.2006). Two presynaptic traces, r1 (time constant
/// tau_plus) and r2 (tau_x), and two postsynaptic traces, o1 (tau_minus) and o2 (tau_y), decay exponentially and jump
/// at spikes. A presynaptic spike depresses and a postsynaptic spike potentiates:
/// <code>
/// pre spike  (arrival): w ← w − o1(t)·(a2_minus + a3_minus·r2(t−ε)),   then r1, r2 jump
/// post spike:           w ← w + r1(t)·(a2_plus  + a3_plus ·o2(t−ε)),   then o1, o2 jump
/// </code>
/// r2(t−ε) and o2(t−ε) are read just before the spike's own jump, so the triplet terms count only earlier spikes.
/// The pair terms (a2) are pair STDP; the triplet terms make potentiation grow with the postsynaptic rate (o2) and
/// depression with the presynaptic rate (r2). The weight is clipped to [w_min, w_max]. Amplitudes are absolute
/// changes in the projection's internal weight unit (as NEST's <c>stdp_triplet_synapse</c>); the paper's weights are
/// normalised to their value before the protocol, so its amplitudes are relative changes for a weight of 1.
/// <para><b>Spike interaction</b> (<c>nearest_spike</c>): 0, all-to-all (a spike adds 1 to each of its traces);
/// 1, nearest-spike (a spike resets its traces to 1), the two schemes of the paper, each fitted separately.</para>
/// <para><b>Timing</b> as in <see cref="Stdp"/>: the presynaptic traces live at the synapse and change when a spike
/// arrives (after its axonal delay), so Δt = t_post − t_arrival; an arrival is processed before the neurons update in
/// its step, so it depresses with o1 before that step's postsynaptic spike, and a postsynaptic spike in the same step
/// sees it in r1.</para>
/// <para><b>Published parameters</b> ("full" model fits; τ+ = 16.8 ms and τ− = 33.7 ms in every fit; the paper's tables
/// for the visual cortex data of Sjöström, Turrigiano &amp; Nelson 2001, Neuron 32:1149, and the hippocampal culture data
/// of Wang, Gerkin, Nauen &amp; Bi 2005, Nat Neurosci 8:187;
/// τx in parentheses is printed so in the paper: the fit is insensitive to it):
/// <code>
/// data set, interaction          tau_x    tau_y   a2_plus   a3_plus   a2_minus  a3_minus
/// visual cortex, all-to-all      (101)    125     5e-10     6.2e-3    7e-3      2.3e-4     (the defaults)
/// visual cortex, nearest-spike    714      40     8.8e-11   5.3e-2    6.6e-3    3.1e-3
/// hippocampal, all-to-all         946      27     6.1e-3    6.7e-3    1.6e-3    1.4e-3
/// hippocampal, nearest-spike     (575)     47     4.6e-3    9.1e-3    3e-3      7.5e-9
/// </code>
/// The tables also hold "minimal" fits with some amplitudes fixed at zero (visual cortex: a2_plus = a3_minus = 0),
/// not listed here. With the visual cortex sets the model
/// reproduces the frequency dependence of Sjöström et al. (2001): pairs at Δt = −10 ms depress at low rates and
/// potentiate at 40–50 Hz, pairs at +10 ms potentiate from 10 Hz on and do nothing at 0.1 Hz.</para>
/// </summary>
public sealed class TripletStdp : PlasticityRule<TripletStdp.Synapse, NoState, TripletStdp.Post, TripletStdp.Params, TripletStdp.Rule>
{
    public override string Name => "triplet_stdp";

    public override string Description => "triplet STDP (Pfister & Gerstner 2006), all-to-all or nearest-spike, clipped";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_plus", Dimension.Time, 16.8, ValueRule.Positive, "time constant of the fast presynaptic trace r1 (pair potentiation window)"),
        new("tau_minus", Dimension.Time, 33.7, ValueRule.Positive, "time constant of the fast postsynaptic trace o1 (pair depression window)"),
        new("tau_x", Dimension.Time, 101, ValueRule.Positive, "time constant of the slow presynaptic trace r2 (triplet depression)"),
        new("tau_y", Dimension.Time, 125, ValueRule.Positive, "time constant of the slow postsynaptic trace o2 (triplet potentiation)"),
        new("a2_plus", Dimension.Dimensionless, 5e-10, ValueRule.NonNegative, "pair potentiation amplitude, in the projection's internal weight unit"),
        new("a3_plus", Dimension.Dimensionless, 6.2e-3, ValueRule.NonNegative, "triplet potentiation amplitude, in the projection's internal weight unit"),
        new("a2_minus", Dimension.Dimensionless, 7e-3, ValueRule.NonNegative, "pair depression amplitude, in the projection's internal weight unit"),
        new("a3_minus", Dimension.Dimensionless, 2.3e-4, ValueRule.NonNegative, "triplet depression amplitude, in the projection's internal weight unit"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
        new("nearest_spike", Dimension.Dimensionless, 0, ValueRule.Probability, "0: all-to-all interaction (a spike adds 1 to its traces); 1: nearest-spike (a spike resets its traces to 1)"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
        if (p["nearest_spike"] is not (0 or 1))
            yield return new("nearest_spike", $"must be 0 (all-to-all) or 1 (nearest-spike), got {p["nearest_spike"]}");
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        R1Decay = (float)Math.Exp(-dt / p["tau_plus"]),
        R2Decay = (float)Math.Exp(-dt / p["tau_x"]),
        O1Decay = (float)Math.Exp(-dt / p["tau_minus"]),
        O2Decay = (float)Math.Exp(-dt / p["tau_y"]),
        A2Plus = (float)p["a2_plus"],
        A3Plus = (float)p["a3_plus"],
        A2Minus = (float)p["a2_minus"],
        A3Minus = (float)p["a3_minus"],
        WMin = (float)p["w_min"],
        WMax = (float)p["w_max"],
        Nearest = p["nearest_spike"] != 0,
    };

    public struct Params
    {
        public float R1Decay, R2Decay, O1Decay, O2Decay, A2Plus, A3Plus, A2Minus, A3Minus, WMin, WMax;
        public bool Nearest;
    }

    /// <summary>
    /// The presynaptic traces r1 and r2, kept per synapse as they were just after the last arrival (so each synapse's
    /// delay counts) and decayed lazily from <see cref="Step"/>, the step of that arrival.
    /// </summary>
    public struct Synapse
    {
        public float R1, R2;
        public long Step;
    }

    /// <summary>The postsynaptic traces o1 and o2.</summary>
    public struct Post
    {
        public float O1, O2;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            var elapsed = context.Step - synapse.Step;
            var r2 = Decayed(synapse.R2, p.R2Decay, elapsed);
            // o1 as it stands before this step's post spikes; r2 before this arrival's own jump.
            weight = WeightBounds.Clip(weight - post.O1 * (p.A2Minus + p.A3Minus * r2), p.WMin, p.WMax);
            synapse = p.Nearest
                ? new Synapse { R1 = 1, R2 = 1, Step = context.Step }
                : new Synapse { R1 = Decayed(synapse.R1, p.R1Decay, elapsed) + 1, R2 = r2 + 1, Step = context.Step };
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            // r1 includes arrivals of this step; o2 is still the value before this post spike (it jumps in OnPostNeuronSpike).
            var r1 = Decayed(synapse.R1, p.R1Decay, context.Step - synapse.Step);
            weight = WeightBounds.Clip(weight + r1 * (p.A2Plus + p.A3Plus * post.O2), p.WMin, p.WMax);
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context) =>
            post = p.Nearest ? new Post { O1 = 1, O2 = 1 } : new Post { O1 = post.O1 + 1, O2 = post.O2 + 1 };

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        public void AdvancePost(ref Post post, in Params p)
        {
            post.O1 = TraceMath.Decay(post.O1, p.O1Decay);
            post.O2 = TraceMath.Decay(post.O2, p.O2Decay);
        }

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps)
        {
        }

        private static float Decayed(float value, float decay, long steps) => value == 0 ? 0 : value * MathF.Pow(decay, steps);
    }
}

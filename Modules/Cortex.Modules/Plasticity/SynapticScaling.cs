using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Homeostatic synaptic scaling towards a target rate (Turrigiano, Leslie, Desai, Rutherford &amp; Nelson 1998, Nature
/// 391:892; the rate-based model of van Rossum, Bi &amp; Turrigiano 2000, J. Neurosci. 20:8812): every postsynaptic
/// neuron estimates its rate r with a spike trace (each spike adds 1000/tau_r, tau_r in ms, and the trace decays with
/// tau_r, so its mean is the rate in Hz) and scales all its incoming weights by the same factor,
/// <code>
/// dw/dt = eta · (r_target − r) · w          (t in seconds, rates in Hz)
/// </code>
/// so a neuron firing below its target strengthens its inputs and one firing above weakens them, keeping their ratios
/// (what is learnt elsewhere is preserved) and their signs. Integrated exactly for r constant over a step: at the end of
/// every step each neuron's log scale grows by eta·(dt/1000 s)·(r_target − r), with r including the step's spike,
/// then r ← r·e^(−dt/tau_r). A synapse takes the growth of its neuron's log scale since it last did, w ← w·e^(Δ log
/// scale), whenever it is touched: an arrival or a weight read (the schedule is Lazy), which gives the weights of an
/// update of every synapse every step at the cost of one update per neuron per step.
/// </summary>
public sealed class SynapticScaling : PlasticityRule<SynapticScaling.Synapse, NoState, SynapticScaling.Post, SynapticScaling.Params, SynapticScaling.Rule>
{
    public override string Name => "synaptic_scaling";

    public override string Description => "homeostatic multiplicative scaling of a neuron's incoming weights: dw/dt = eta·(r_target − r)·w";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("r_target", Dimension.Frequency, 5, ValueRule.NonNegative, "target rate of the postsynaptic neuron"),
        new("tau_r", Dimension.Time, 1000, ValueRule.Positive, "time constant of the postsynaptic rate estimate r"),
        new("eta", Dimension.Dimensionless, 0.001, ValueRule.NonNegative, "scaling rate, per second per Hz of rate error"),
    ];

    public override PlasticitySchedule Schedule => PlasticitySchedule.Lazy;

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        RateDecay = Math.Exp(-dt / p["tau_r"]),
        RateJump = 1000 / p["tau_r"],
        Target = p["r_target"],
        RatePerStep = p["eta"] * dt / 1000,
    };

    public struct Params
    {
        public double RateDecay, RateJump, Target, RatePerStep;
    }

    /// <summary>The neuron's log scale this synapse's weight has taken.</summary>
    public struct Synapse
    {
        public double LogScale;
    }

    /// <summary>The rate estimate r (Hz) and the log of the cumulative scale factor.</summary>
    public struct Post
    {
        public double Rate, LogScale;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            Scale(ref synapse, ref weight, in post);
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context) => post.Rate += p.RateJump;

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        public void AdvancePost(ref Post post, in Params p)
        {
            post.LogScale += p.RatePerStep * (p.Target - post.Rate);
            post.Rate *= p.RateDecay;
            if (post.Rate < 1e-300) post.Rate = 0;
        }

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps) =>
            Scale(ref synapse, ref weight, in post);

        private static void Scale(ref Synapse synapse, ref float weight, in Post post)
        {
            if (synapse.LogScale == post.LogScale) return;
            weight = (float)(weight * Math.Exp(post.LogScale - synapse.LogScale));
            synapse.LogScale = post.LogScale;
        }
    }
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// The Bienenstock–Cooper–Munro rule with a sliding modification threshold (Bienenstock, Cooper &amp; Munro 1982,
/// J. Neurosci. 2:32; the quadratic form of Intrator &amp; Cooper 1992, Neural Netw. 5:3, with the threshold normalised
/// by a reference rate as in Cooper &amp; Bear 2012, Nat. Rev. Neurosci. 13:798):
/// <code>
/// dw/dt      = eta · x · y · (y − θ)           (clipped to [w_min, w_max])
/// tau_θ dθ/dt = y²/y_0 − θ                      (θ tracks ⟨y²⟩/y_0)
/// </code>
/// x and y are the pre- and postsynaptic rates, estimated in Hz by spike traces: each spike adds 1000/tau (tau in ms) and
/// the trace decays with tau, so its mean is the rate (x per synapse, at arrival time, time constant tau_x; y per
/// postsynaptic neuron, tau_y). Activity above θ potentiates, activity below it depresses, and θ rises with the square
/// of the recent activity: a neuron that fires more raises its own threshold, which makes the rule stable and drives
/// selectivity (the neuron ends up responding to some input patterns and not to others). t in the weight equation is in
/// seconds: eta is in weight units per second per Hz³.
/// <para>Integrated per step: at the end of step n, θ ← y²/y_0 + (θ − y²/y_0)·e^(−dt/tau_θ) with y including the
/// step's spike, then y ← y·e^(−dt/tau_y); then every synapse, EveryStep, w ← w + eta·(dt/1000 s)·x·y·(y − θ) and
/// x ← x·e^(−dt/tau_x).</para>
/// </summary>
public sealed class Bcm : PlasticityRule<Bcm.Synapse, NoState, Bcm.Post, Bcm.Params, Bcm.Rule>
{
    public override string Name => "bcm";

    public override string Description => "BCM with a sliding threshold: dw/dt = eta·x·y·(y − θ), θ relaxes to y²/y_0 with tau_theta";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 1e-6, ValueRule.NonNegative, "learning rate, weight units per second per Hz³"),
        new("tau_x", Dimension.Time, 50, ValueRule.Positive, "time constant of the presynaptic rate estimate x"),
        new("tau_y", Dimension.Time, 50, ValueRule.Positive, "time constant of the postsynaptic rate estimate y"),
        new("tau_theta", Dimension.Time, 5000, ValueRule.Positive, "time constant with which θ follows y²/y_0"),
        new("y_0", Dimension.Frequency, 10, ValueRule.Positive, "reference rate: θ settles at ⟨y²⟩/y_0, and a neuron firing steadily at y_0 has θ = y_0"),
        new("theta_0", Dimension.Frequency, 0, ValueRule.NonNegative, "initial threshold"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 10, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
    ];

    public override PlasticitySchedule Schedule => PlasticitySchedule.EveryStep;

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        XDecay = (float)Math.Exp(-dt / p["tau_x"]),
        YDecay = (float)Math.Exp(-dt / p["tau_y"]),
        ThetaDecay = (float)Math.Exp(-dt / p["tau_theta"]),
        XJump = (float)(1000 / p["tau_x"]),
        YJump = (float)(1000 / p["tau_y"]),
        InverseY0 = (float)(1 / p["y_0"]),
        ThetaInitial = (float)p["theta_0"],
        RatePerStep = (float)(p["eta"] * dt / 1000),
        WMin = (float)p["w_min"],
        WMax = (float)p["w_max"],
    };

    public override Post InitialPost(in Params p) => new() { Theta = p.ThetaInitial };

    public struct Params
    {
        public float XDecay, YDecay, ThetaDecay, XJump, YJump, InverseY0, ThetaInitial, RatePerStep, WMin, WMax;
    }

    /// <summary>The presynaptic rate estimate x (Hz), per synapse at arrival time.</summary>
    public struct Synapse
    {
        public float X;
    }

    /// <summary>The postsynaptic rate estimate y (Hz) and the threshold θ (Hz).</summary>
    public struct Post
    {
        public float Y, Theta;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            synapse.X += p.XJump;
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context) => post.Y += p.YJump;

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        public void AdvancePost(ref Post post, in Params p)
        {
            var target = post.Y * post.Y * p.InverseY0;
            post.Theta = target + (post.Theta - target) * p.ThetaDecay;
            post.Y = TraceMath.Decay(post.Y, p.YDecay);
            // θ relaxes towards y²/y_0 rather than decaying, but ends the same way once it is below any effect.
            if (post.Theta < TraceMath.Floor) post.Theta = 0;
        }

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps)
        {
            if (synapse.X != 0 && post.Y != 0)
                weight = WeightBounds.Clip(weight + p.RatePerStep * synapse.X * post.Y * (post.Y - post.Theta), p.WMin, p.WMax);
            synapse.X = TraceMath.Decay(synapse.X, p.XDecay);
        }
    }
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Oja's rule (Oja 1982, J. Math. Biol. 15:267), dw/dt = η·y·(x − y·w), in a spike-based form. The presynaptic activity
/// x is a trace of the synapse's arriving spikes (jump 1, time constant tau_pre, so x ≈ rate·tau_pre) and the
/// postsynaptic activity y a trace of the neuron's spikes (tau_post) counting the current one: y = y⁻ + 1. A
/// postsynaptic spike samples the factor y of the rate form, so on each one
/// <code>
/// w ← clip(w + η·(x̃ − y·w), w_min, w_max)
/// </code>
/// and presynaptic spikes change nothing. For a unit whose rate is linear in its input, the mean drift is
/// C·w − (wᵀC w)·w up to positive factors, with C the correlation matrix of x̃: w turns to C's principal eigenvector and
/// its norm settles, the −y²·w term bounding it (Oja's principal-component neuron).
/// <para>Oja's analysis assumes zero-mean inputs. With tau_mean = 0, x̃ = x and w finds the principal eigenvector of the
/// raw second moments ⟨x xᵀ⟩, which rates (never negative) make point mostly along the mean input. With tau_mean &gt; 0,
/// x̃ = x − x̄ subtracts a running mean x̄ = (tau_pre/tau_mean)·z, z being a second trace of the same spikes with time
/// constant tau_mean (the factor is exactly the ratio of the two traces' means in discrete time, so ⟨x̄⟩ = ⟨x⟩ at any dt); then C is the covariance of the presynaptic rates and w finds their first principal
/// component, as in Oja's PCA. tau_mean should be long against the time the rates change on.</para>
/// Both traces live per synapse, stamped with the step they were last changed (arrival time, so each synapse's delay
/// counts) and decayed only when read; nothing runs between events (EventsOnly).
/// </summary>
public sealed class Oja : PlasticityRule<Oja.Synapse, NoState, Oja.Post, Oja.Params, Oja.Rule>
{
    public override string Name => "oja";

    public override string Description => "Oja's rule with spike traces: on a post spike w += eta·(x − y·w); optionally x centred on its running mean (PCA)";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "learning rate per postsynaptic spike"),
        new("tau_pre", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace x"),
        new("tau_post", Dimension.Time, 20, ValueRule.Positive, "time constant of the postsynaptic trace y"),
        new("tau_mean", Dimension.Time, 0, ValueRule.NonNegative, "time constant of the running mean subtracted from x (0: none, x is used as it is)"),
        new("w_min", Dimension.Dimensionless, 0, ValueRule.Any, "lower weight bound, in the projection's internal weight unit"),
        new("w_max", Dimension.Dimensionless, 10, ValueRule.Any, "upper weight bound, in the projection's internal weight unit"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["w_min"] > p["w_max"])
            yield return new("w_min", $"must not exceed w_max ({p["w_max"]}), got {p["w_min"]}");
        if (p["tau_mean"] > 0 && p["tau_mean"] <= p["tau_pre"])
            yield return new("tau_mean", $"must be 0 or longer than tau_pre ({p["tau_pre"]} ms), got {p["tau_mean"]} ms");
    }

    public override Params Prepare(ParameterValues p, double dt)
    {
        var preDecay = (float)Math.Exp(-dt / p["tau_pre"]);
        var meanDecay = p["tau_mean"] > 0 ? (float)Math.Exp(-dt / p["tau_mean"]) : 0;
        return new()
        {
            PreDecay = preDecay,
            PostDecay = (float)Math.Exp(-dt / p["tau_post"]),
            MeanDecay = meanDecay,
            // Per step a trace decays by its factor d and jumps by 1 per spike, so its mean is rate·dt/(1 − d): scaling z by
            // (1 − d_mean)/(1 − d_pre) (≈ tau_pre/tau_mean) makes ⟨x̄⟩ = ⟨x⟩ exactly, at any dt.
            MeanScale = p["tau_mean"] > 0 ? (float)((1.0 - meanDecay) / (1.0 - preDecay)) : 0,
            Eta = (float)p["eta"],
            WMin = (float)p["w_min"],
            WMax = (float)p["w_max"],
        };
    }

    public struct Params
    {
        public float PreDecay, PostDecay, MeanDecay, MeanScale, Eta, WMin, WMax;
    }

    /// <summary>The presynaptic trace x and the slow trace z of the same spikes (for the running mean), decayed lazily.</summary>
    public struct Synapse
    {
        public LazyTrace Trace, Slow;
    }

    /// <summary>The postsynaptic trace y (before this step's spike).</summary>
    public struct Post
    {
        public float Trace;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            synapse.Trace.Add(1, context.Step, p.PreDecay);
            if (p.MeanScale != 0) synapse.Slow.Add(1, context.Step, p.MeanDecay);
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            var x = synapse.Trace.At(context.Step, p.PreDecay);
            if (p.MeanScale != 0) x -= p.MeanScale * synapse.Slow.At(context.Step, p.MeanDecay);
            var y = post.Trace + 1;
            weight = WeightBounds.Clip(weight + p.Eta * (x - y * weight), p.WMin, p.WMax);
        }

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
        }
    }
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Plasticity;

/// <summary>
/// Hebbian learning with multiplicative normalisation of each postsynaptic neuron's summed input weight (von der Malsburg
/// 1973, Kybernetik 14:85; Miller &amp; MacKay 1994, Neural Comput. 6:100). The presynaptic activity x is a trace of
/// the synapse's arriving spikes (jump 1, time constant tau_pre); on every spike of postsynaptic neuron j each synapse
/// onto it grows by
/// <code>
/// w_ij ← w_ij + eta·x_ij
/// </code>
/// and then all of them are scaled by the same factor so that their sum is w_total again:
/// <code>
/// w_ij ← w_ij · w_total / Σ_k w_kj
/// </code>
/// Growth is shared out in proportion to the weights, so inputs whose activity is correlated with the neuron's spikes
/// (hence with each other) gain at the expense of the others while Σ_k w_kj stays w_total: with a unit linear in its
/// input the weights turn towards the principal eigenvector of the input correlation matrix (Miller &amp; MacKay 1994),
/// and the neuron's drive never runs away. The sum is over the synapses of this projection onto the neuron; it equals
/// w_total from the neuron's first spike on (before it, the initial weights are left as they are). Weights should be
/// non-negative; their sign never changes.
/// <para>How it runs: the hook for each incoming synapse adds its growth and accumulates the new weights in the neuron's
/// state; the neuron hook that follows computes the factor w_total/Σ and opens a new normalisation generation. A synapse
/// takes a pending factor the next time it is touched: an arrival, the next postsynaptic spike, or a weight read (the
/// rule's schedule is Lazy, so reads and snapshots always see normalised weights).</para>
/// </summary>
public sealed class Hebb : PlasticityRule<Hebb.Synapse, NoState, Hebb.Post, Hebb.Params, Hebb.Rule>
{
    public override string Name => "hebb";

    public override string Description => "Hebbian growth eta·x on each post spike, then the neuron's incoming weights rescaled to sum to w_total";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 0.01, ValueRule.NonNegative, "growth per postsynaptic spike per unit of presynaptic trace, in the projection's internal weight unit"),
        new("tau_pre", Dimension.Time, 20, ValueRule.Positive, "time constant of the presynaptic trace x"),
        new("w_total", Dimension.Dimensionless, 1, ValueRule.Positive, "the sum every postsynaptic neuron's incoming weights (of this projection) is held at"),
    ];

    public override PlasticitySchedule Schedule => PlasticitySchedule.Lazy;

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        PreDecay = (float)Math.Exp(-dt / p["tau_pre"]),
        Eta = (float)p["eta"],
        Total = p["w_total"],
    };

    public override Post InitialPost(in Params p) => new() { Factor = 1 };

    public struct Params
    {
        public float PreDecay, Eta;
        public double Total;
    }

    /// <summary>The presynaptic trace, and the normalisation generation the weight has taken.</summary>
    public struct Synapse
    {
        public LazyTrace Trace;
        public int Generation;
    }

    /// <summary>The sum being accumulated during a spike's pass, and the latest normalisation: its generation and factor.</summary>
    public struct Post
    {
        public double Sum;
        public int Generation;
        public float Factor;
    }

    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            Normalise(ref synapse, ref weight, in post);
            synapse.Trace.Add(1, context.Step, p.PreDecay);
            return weight;
        }

        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            Normalise(ref synapse, ref weight, in post);
            weight += p.Eta * synapse.Trace.At(context.Step, p.PreDecay);
            post.Sum += weight;
        }

        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context)
        {
            // Every synapse onto the neuron took the previous factor in its OnPostSpike, so one pending factor is all there is.
            post.Factor = post.Sum > 0 ? (float)(p.Total / post.Sum) : 1;
            post.Generation++;
            post.Sum = 0;
        }

        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        public void AdvancePost(ref Post post, in Params p)
        {
        }

        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps) =>
            Normalise(ref synapse, ref weight, in post);

        private static void Normalise(ref Synapse synapse, ref float weight, in Post post)
        {
            if (synapse.Generation == post.Generation) return;
            weight *= post.Factor;
            synapse.Generation = post.Generation;
        }
    }
}

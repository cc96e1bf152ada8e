using Cortex.Models;
using Cortex.Units;

namespace NeuroExtras;

/// <summary>
/// Inhibitory spike-timing-dependent plasticity after Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner (2011, Science
/// 334:1569), which balances excitation and inhibition and holds the postsynaptic rate near a target ρ₀. Each synapse
/// keeps a trace x of its arriving spikes and each postsynaptic neuron a trace y of its own (both jump by 1 and decay with
/// tau). An arriving presynaptic spike and a postsynaptic spike change the weight by
/// <code>
/// pre spike:  w ← w + η·(y − α)          α = 2·ρ₀·tau (the depression that holds the rate at ρ₀)
/// post spike: w ← w + η·x
/// </code>
/// clipped to [0, w_max]. Near-coincident spikes in either order strengthen inhibition by η·e^(−|Δt|/tau) (a symmetric
/// window); every presynaptic spike weakens it by η·α. For Poisson-like firing the mean drift is
/// η·ρ_pre·(2·tau·ρ_post − α), which vanishes at ρ_post = ρ₀: inhibition grows onto neurons that fire above their target
/// and shrinks onto those below it. Meant for inhibitory synapses (a conductance receptor with a negative reversal
/// potential), whose weights are non-negative.
/// </summary>
public sealed class InhibitoryPlasticity : PlasticityRule<InhibitoryPlasticity.Synapse, NoState, InhibitoryPlasticity.Post, InhibitoryPlasticity.Params, InhibitoryPlasticity.Rule>
{
    /// <inheritdoc />
    public override string Name => "vogels_isp";

    /// <inheritdoc />
    public override string Description => "inhibitory STDP (Vogels et al. 2011; NeuroExtras sample plugin): symmetric window, holds the post rate near rho_0";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("eta", Dimension.Dimensionless, 0.001, ValueRule.NonNegative, "learning rate, in the projection's internal weight unit per unit of trace"),
        new("tau", Dimension.Time, 20, ValueRule.Positive, "time constant of both traces (the width of the window)"),
        new("rho_0", Dimension.Frequency, 5, ValueRule.NonNegative, "target rate of the postsynaptic neuron"),
        new("w_max", Dimension.Dimensionless, 1, ValueRule.NonNegative, "upper weight bound, in the projection's internal weight unit"),
    ];

    /// <inheritdoc />
    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        Decay = (float)Math.Exp(-dt / p["tau"]),
        Eta = (float)p["eta"],
        Alpha = (float)(2 * p["rho_0"] * p["tau"] / 1000),   // ρ₀ in Hz, tau in ms
        WMax = (float)p["w_max"],
    };

    /// <summary>Prepared parameters.</summary>
    public struct Params
    {
        /// <summary>Per-step decay of both traces.</summary>
        public float Decay;

        /// <summary>Learning rate, depression per presynaptic spike (α) and upper bound.</summary>
        public float Eta, Alpha, WMax;
    }

    /// <summary>The presynaptic trace x, per synapse at arrival time, decayed lazily from the last arrival.</summary>
    public struct Synapse
    {
        /// <summary>The trace.</summary>
        public LazyTrace Trace;
    }

    /// <summary>The postsynaptic trace y.</summary>
    public struct Post
    {
        /// <summary>Trace value (before this step's spike).</summary>
        public float Trace;
    }

    /// <summary>The rule's hooks.</summary>
    public readonly struct Rule : ISynapticRule<Synapse, NoState, Post, Params>
    {
        /// <inheritdoc />
        public float OnPreArrival(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context)
        {
            synapse.Trace.Add(1, context.Step, p.Decay);
            weight = WeightBounds.Clip(weight + p.Eta * (post.Trace - p.Alpha), 0, p.WMax);
            return weight;
        }

        /// <inheritdoc />
        public void OnPostSpike(ref Synapse synapse, ref float weight, ref NoState pre, ref Post post, in Params p, in RuleContext context) =>
            weight = WeightBounds.Clip(weight + p.Eta * synapse.Trace.At(context.Step, p.Decay), 0, p.WMax);

        /// <inheritdoc />
        public void OnPreNeuronSpike(ref NoState pre, in Params p, in RuleContext context)
        {
        }

        /// <inheritdoc />
        public void OnPostNeuronSpike(ref Post post, in Params p, in RuleContext context) => post.Trace += 1;

        /// <inheritdoc />
        public void AdvancePre(ref NoState pre, in Params p)
        {
        }

        /// <inheritdoc />
        public void AdvancePost(ref Post post, in Params p) => post.Trace *= p.Decay;

        /// <inheritdoc />
        public void Update(ref Synapse synapse, ref float weight, ref Post post, in Params p, in RuleContext context, int steps)
        {
        }
    }
}

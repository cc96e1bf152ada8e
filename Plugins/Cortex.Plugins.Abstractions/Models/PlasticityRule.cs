namespace Cortex.Models;

/// <summary>
/// A plasticity rule as the registries see it. Rules here are pair-based with exponential traces:
/// the backend keeps a presynaptic trace per synapse and a postsynaptic trace per neuron and
/// calls the prepared <see cref="PairPlasticity"/> on each spike.
/// </summary>
public abstract class PlasticityRule
{
    /// <summary>The name specs use (e.g. "stdp").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters.</summary>
    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>Cross-parameter checks (e.g. w_min ≤ w_max).</summary>
    public virtual IEnumerable<ParameterProblem> Check(ParameterValues values) => [];

    /// <summary>Prepares the rule for time step <paramref name="dt"/> (ms); weights are in the projection's weight unit.</summary>
    public abstract PairPlasticity Prepare(ParameterValues values, double dt);
}

/// <summary>
/// A prepared pair-based rule. Traces jump by 1 on a spike and decay by the given per-step factors;
/// the weight update on each spike reads the other side's trace (and, on a postsynaptic spike, may read
/// the postsynaptic trace too).
/// </summary>
public abstract class PairPlasticity
{
    /// <summary>Per-step decay factor of the presynaptic trace.</summary>
    public abstract float PreTraceDecay { get; }

    /// <summary>Per-step decay factor of the postsynaptic trace.</summary>
    public abstract float PostTraceDecay { get; }

    /// <summary>The new weight when a presynaptic spike arrives (depression side), given the postsynaptic trace.</summary>
    public abstract float OnPreSpike(float weight, float postTrace);

    /// <summary>The new weight when the postsynaptic neuron spikes (potentiation side), given the presynaptic trace; the default leaves it unchanged.</summary>
    public virtual float OnPostSpike(float weight, float preTrace) => weight;

    /// <summary>
    /// The new weight when the postsynaptic neuron spikes, given both traces; <paramref name="postTrace"/> does not yet
    /// include this spike's jump. Backends call this one. Override it for rules whose update depends on postsynaptic
    /// activity (Oja, BCM); the default calls <see cref="OnPostSpike(float, float)"/>, so pair-based rules need not.
    /// </summary>
    public virtual float OnPostSpike(float weight, float preTrace, float postTrace) => OnPostSpike(weight, preTrace);
}

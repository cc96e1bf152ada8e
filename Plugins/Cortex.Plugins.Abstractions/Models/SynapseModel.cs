using Cortex.Units;

namespace Cortex.Models;

/// <summary>How a receptor's state acts on the neuron it belongs to.</summary>
public enum ReceptorKind
{
    /// <summary>Each arriving weight (mV) jumps the membrane potential at once; no state.</summary>
    VoltageJump,
    /// <summary>The state is a current (nA) added to the neuron's input.</summary>
    Current,
    /// <summary>The state is a conductance g (µS); the input is g·(E_rev − V).</summary>
    Conductance,
}

/// <summary>
/// A receptor prepared for one run: how its state enters the neuron, its per-step decay factor and
/// (for conductances) its reversal potential. One receptor state per neuron and port.
/// </summary>
public readonly record struct ReceptorDynamics(ReceptorKind Kind, float Decay, float Reversal);

/// <summary>
/// A postsynaptic synapse model: what a projection's weight means (voltage jump, current or
/// conductance) and how the receptor it feeds decays. Projections into the same target port must
/// agree on model and parameters, since they share that receptor's state.
/// </summary>
public abstract class SynapseModel
{
    /// <summary>The name specs use (e.g. "exp_current").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters (e.g. tau_syn, e_rev).</summary>
    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The dimension a weight of this synapse carries (voltage, current or conductance).</summary>
    public abstract Dimension WeightDimension { get; }

    /// <summary>The rule weights must obey (conductances are never negative).</summary>
    public virtual ValueRule WeightRule => ValueRule.Any;

    /// <summary>Prepares the receptor for time step <paramref name="dt"/> (ms).</summary>
    public abstract ReceptorDynamics Prepare(ParameterValues values, double dt);
}

using Cortex.Units;

namespace Cortex.Models;

/// <summary>How a linear receptor's state acts on the neuron it belongs to.</summary>
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
/// A linear receptor prepared for one run: its state jumps by the arriving weight, decays by a constant factor per
/// step and acts as a current or a conductance. Backends recognise it and vectorise it.
/// </summary>
public readonly record struct ReceptorDynamics(ReceptorKind Kind, float Decay, float Reversal);

/// <summary>
/// A postsynaptic receptor model: what a projection's weight means (voltage jump, current or conductance) and
/// how the receptor it feeds evolves. Projections into the same target port must agree on model and
/// parameters, since they share that receptor's state. Derive from
/// <see cref="SynapseModel{TState, TParams, TDynamics}"/> (any dynamics) or <see cref="LinearSynapseModel"/>.
/// </summary>
public abstract class SynapseModel
{
    /// <summary>The name specs use (e.g. "exp_current").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters (e.g. tau_syn, e_rev).</summary>
    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The receptor's state variables (e.g. "g"), settable in a population's <c>initial</c> as <c>port.g</c>.</summary>
    public virtual IReadOnlyList<StateVariableSpec> StateVariables => [];

    /// <summary>The dimension a weight of this synapse carries (voltage, current, conductance or none).</summary>
    public abstract Dimension WeightDimension { get; }

    /// <summary>The rule weights must obey (conductances are never negative).</summary>
    public virtual ValueRule WeightRule => ValueRule.Any;

    /// <summary>True for delta synapses: arriving weights jump the membrane potential instead of entering a state.</summary>
    public virtual bool JumpsVoltage => false;

    /// <summary>Cross-parameter checks beyond each parameter's own rule.</summary>
    public virtual IEnumerable<ParameterProblem> Check(ParameterValues values) => [];

    /// <summary>The linear form of this receptor for time step <paramref name="dt"/>, or null when it is not linear.</summary>
    public virtual ReceptorDynamics? Linear(ParameterValues values, double dt) => null;

    /// <summary>Creates the receptor state of <paramref name="count"/> neurons for time step <paramref name="dt"/> (ms).</summary>
    public abstract IReceptorGroup CreateGroup(ParameterValues values, int count, double dt);

    /// <summary>Index of a state variable by name, or -1.</summary>
    public int IndexOfVariable(string name)
    {
        for (var i = 0; i < StateVariables.Count; i++)
            if (StateVariables[i].Name == name) return i;
        return -1;
    }

    /// <summary>Calls back <paramref name="visitor"/> with the model's concrete state, parameter and dynamics types.</summary>
    public abstract TResult Accept<TResult>(ISynapseModelVisitor<TResult> visitor);
}

/// <summary>Base class for a receptor written as state, parameters and a dynamics struct.</summary>
public abstract class SynapseModel<TState, TParams, TDynamics> : SynapseModel
    where TState : unmanaged
    where TParams : unmanaged
    where TDynamics : struct, IReceptorDynamics<TState, TParams>
{
    /// <summary>Turns parameter values into prepared parameters for time step <paramref name="dt"/> (ms).</summary>
    public abstract TParams Prepare(ParameterValues values, double dt);

    /// <summary>The state a receptor starts in unless the spec says otherwise (at rest by default).</summary>
    public virtual TState InitialState(ParameterValues values) => default;

    /// <inheritdoc />
    public sealed override TResult Accept<TResult>(ISynapseModelVisitor<TResult> visitor) => visitor.Visit(this);

    /// <inheritdoc />
    public override IReceptorGroup CreateGroup(ParameterValues values, int count, double dt) =>
        new ReceptorGroup<TState, TParams, TDynamics>(count, Prepare(values, dt), InitialState(values));
}

/// <summary>
/// A receptor whose state jumps by the weight, decays by a constant factor per step and acts as a current or a
/// conductance (or a voltage jump): supply <see cref="PrepareLinear"/> and backends vectorise it.
/// </summary>
public abstract class LinearSynapseModel : SynapseModel<float, ReceptorDynamics, LinearReceptor>
{
    /// <summary>The linear form for time step <paramref name="dt"/> (ms).</summary>
    public abstract ReceptorDynamics PrepareLinear(ParameterValues values, double dt);

    /// <inheritdoc />
    public sealed override ReceptorDynamics? Linear(ParameterValues values, double dt) => PrepareLinear(values, dt);

    /// <inheritdoc />
    public sealed override ReceptorDynamics Prepare(ParameterValues values, double dt) => PrepareLinear(values, dt);
}

/// <summary>The dynamics of a <see cref="LinearSynapseModel"/>: s += w on arrival; input s or s·(E − v); s *= decay.</summary>
public readonly struct LinearReceptor : IReceptorDynamics<float, ReceptorDynamics>
{
    /// <inheritdoc />
    public void Receive(ref float state, in ReceptorDynamics p, float weight) => state += weight;

    /// <inheritdoc />
    public PortInput Input(in float state, in ReceptorDynamics p, float voltage) => p.Kind switch
    {
        ReceptorKind.Current => PortInput.FromCurrent(state),
        ReceptorKind.Conductance => PortInput.FromConductance(state, p.Reversal, voltage),
        _ => default,
    };

    /// <inheritdoc />
    public void Advance(ref float state, in ReceptorDynamics p)
    {
        if (p.Kind != ReceptorKind.VoltageJump) state *= p.Decay;
    }

    /// <inheritdoc />
    public float Get(in float state, int variable) => state;

    /// <inheritdoc />
    public void Set(ref float state, int variable, float value) => state = value;
}

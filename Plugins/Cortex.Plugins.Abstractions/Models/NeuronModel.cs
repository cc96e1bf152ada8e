using Cortex.Units;

namespace Cortex.Models;

/// <summary>
/// A neuron model as the registries see it: a name, its parameters and state variables, a check of
/// parameter combinations, and a factory for the run-time state. Derive from
/// <see cref="NeuronModel{TState, TParams, TDynamics}"/> rather than from this class.
/// </summary>
public abstract class NeuronModel
{
    /// <summary>The name specs use (lower case, e.g. "lif").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings: what the model is and how it is integrated.</summary>
    public abstract string Description { get; }

    /// <summary>The parameters with defaults and rules.</summary>
    public abstract IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The state variables, in the order <see cref="INeuronGroup.Get"/> indexes them.</summary>
    public abstract IReadOnlyList<StateVariableSpec> StateVariables { get; }

    /// <summary>Cross-parameter checks beyond each parameter's own rule; empty when the combination is valid.</summary>
    public virtual IEnumerable<ParameterProblem> Check(ParameterValues values) => [];

    /// <summary>The default initial value of every state variable (internal units), e.g. v at rest.</summary>
    public abstract double[] DefaultInitialState(ParameterValues values);

    /// <summary>True when the model reads <see cref="NeuronInput.Ports"/>: backends then fill them (it costs a pass per receptor).</summary>
    public virtual bool UsesPortInputs => false;

    /// <summary>The neuromodulators the model reads, in the order <see cref="NeuronInput.Neuromodulators"/> gives their levels.</summary>
    public virtual IReadOnlyList<string> Neuromodulators => [];

    /// <summary>Creates the state of a population as <paramref name="setup"/> describes.</summary>
    public abstract INeuronGroup CreateGroup(NeuronGroupSetup setup);

    /// <summary>Creates the state of <paramref name="count"/> neurons sharing <paramref name="values"/> for time step <paramref name="dt"/> (ms).</summary>
    public INeuronGroup CreateGroup(ParameterValues values, int count, double dt) => CreateGroup(new NeuronGroupSetup(values, count, dt));

    /// <summary>Index of a state variable by name, or -1.</summary>
    public int IndexOfVariable(string name)
    {
        for (var i = 0; i < StateVariables.Count; i++)
            if (StateVariables[i].Name == name) return i;
        return -1;
    }

    /// <summary>The name under which a model declares its membrane potential among <see cref="StateVariables"/> (in mV).</summary>
    public const string VoltageVariable = "v";

    /// <summary>
    /// True when the model declares a membrane potential: a state variable <see cref="VoltageVariable"/> with the dimension of a
    /// voltage, which <see cref="INeuronDynamics{TState, TParams}.Voltage"/> returns. Rules that read the postsynaptic
    /// voltage (<see cref="IVoltageReadingRule{TPost, TParams}"/>) need it.
    /// </summary>
    public bool HasVoltage => IndexOfVariable(VoltageVariable) is >= 0 and var v && StateVariables[v].Dimension == Dimension.Voltage;

    /// <summary>Calls back <paramref name="visitor"/> with the model's concrete state, parameter and dynamics types.</summary>
    public abstract TResult Accept<TResult>(INeuronModelVisitor<TResult> visitor);
}

/// <summary>
/// Base class for a neuron model written as state, parameters and a dynamics struct: supply
/// <see cref="Prepare(ParameterValues, double)"/> and <see cref="InitialState"/> and the plumbing is done.
/// </summary>
public abstract class NeuronModel<TState, TParams, TDynamics> : NeuronModel
    where TState : unmanaged
    where TParams : unmanaged
    where TDynamics : struct, INeuronDynamics<TState, TParams>
{
    /// <summary>Turns parameter values into the prepared parameters for time step <paramref name="dt"/> (ms).</summary>
    public abstract TParams Prepare(ParameterValues values, double dt);

    /// <summary>
    /// Prepares parameters knowing the population's receptor ports (in <see cref="NeuronInput.Ports"/> order), for
    /// models that route ports to compartments; the default ignores them.
    /// </summary>
    public virtual TParams Prepare(ParameterValues values, double dt, IReadOnlyList<string> ports) => Prepare(values, dt);

    /// <summary>The state a neuron starts in unless the spec says otherwise.</summary>
    public abstract TState InitialState(ParameterValues values);

    /// <inheritdoc />
    public sealed override TResult Accept<TResult>(INeuronModelVisitor<TResult> visitor) => visitor.Visit(this);

    /// <inheritdoc />
    public override double[] DefaultInitialState(ParameterValues values)
    {
        var state = InitialState(values);
        var result = new double[StateVariables.Count];
        for (var i = 0; i < result.Length; i++) result[i] = default(TDynamics).Get(in state, i);
        return result;
    }

    /// <inheritdoc />
    public override INeuronGroup CreateGroup(NeuronGroupSetup setup)
    {
        if (setup.PerNeuron.Count == 0)
            return new NeuronGroup<TState, TParams, TDynamics>(setup.Count, Prepare(setup.Parameters, setup.Dt, setup.Ports), InitialState(setup.Parameters), setup.RandomKey);
        var parameters = new TParams[setup.Count];
        var states = new TState[setup.Count];
        for (var n = 0; n < setup.Count; n++)
        {
            var values = setup.ValuesOf(n);
            parameters[n] = Prepare(values, setup.Dt, setup.Ports);
            states[n] = InitialState(values);
        }
        return new NeuronGroup<TState, TParams, TDynamics>(parameters, states, setup.RandomKey);
    }
}

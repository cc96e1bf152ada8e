using Cortex.Models;

namespace Cortex.Compilation;

/// <summary>A population with its model resolved, parameters in internal units and initial state drawn.</summary>
public sealed class CompiledPopulation
{
    /// <summary>Name from the spec.</summary>
    public required string Name { get; init; }

    /// <summary>Index in <see cref="CompiledNetwork.Populations"/>.</summary>
    public required int Index { get; init; }

    /// <summary>Number of neurons.</summary>
    public required int Size { get; init; }

    /// <summary>The neuron model.</summary>
    public required NeuronModel Model { get; init; }

    /// <summary>Resolved parameters.</summary>
    public required ParameterValues Parameters { get; init; }

    /// <summary>Parameters the spec drew per neuron (name → one value per neuron, internal units); empty when all are shared.</summary>
    public IReadOnlyDictionary<string, double[]> PerNeuronParameters { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Initial value of each state variable (outer: variable index, inner: neuron).</summary>
    public required float[][] InitialState { get; init; }

    /// <summary>The receptors (synapse model + port) that projections and stimuli feed.</summary>
    public required IReadOnlyList<CompiledReceptor> Receptors { get; init; }

    /// <summary>Positions as x, y, z triples in µm, or null.</summary>
    public float[]? Positions { get; init; }
}

/// <summary>One receptor of a population: a synapse model at a port, with its parameters.</summary>
public sealed class CompiledReceptor
{
    /// <summary>Port name.</summary>
    public required string Port { get; init; }

    /// <summary>Index within the population's receptors.</summary>
    public required int Index { get; init; }

    /// <summary>The synapse model.</summary>
    public required SynapseModel Model { get; init; }

    /// <summary>Resolved parameters.</summary>
    public required ParameterValues Parameters { get; init; }

    /// <summary>Initial value of each receptor state variable (outer: index in the model's StateVariables, inner: neuron), or null for the model's defaults.</summary>
    public float[]?[]? InitialState { get; init; }

    /// <summary>The delay, in steps, of the static synapses that <see cref="TakesDirect"/> concerns.</summary>
    public const int DirectDelaySteps = 1;

    /// <summary>
    /// True when a static synapse of <see cref="DirectDelaySteps"/> onto this receptor adds its weight straight to the
    /// receptor's state at the end of the spike's step, after the receptor advanced, one synapse after another (as
    /// Brian2's <c>on_pre</c> does), instead of into the next step's arrival sum: linear receptors that do not jump the
    /// voltage. It spares the arrival pass over the ring; backends that are bit-identical to the reference must agree on it.
    /// </summary>
    public bool TakesDirect(double dt) => !Model.JumpsVoltage && Model.Linear(Parameters, dt) is not null;
}

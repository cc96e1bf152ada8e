namespace Cortex.Spec;

/// <summary>A group of neurons sharing one model; each parameter is shared or drawn per neuron.</summary>
public sealed record PopulationSpec
{
    /// <summary>Unique name, used by projections, stimuli, probes and recordings.</summary>
    public required string Name { get; init; }

    /// <summary>Number of neurons.</summary>
    public required int Size { get; init; }

    /// <summary>Registered neuron model name (e.g. "lif").</summary>
    public required string Model { get; init; }

    /// <summary>
    /// Parameter overrides, each a constant (shared by every neuron) or a distribution (drawn per neuron from the
    /// seed); unspecified parameters take the model's defaults.
    /// </summary>
    public IReadOnlyDictionary<string, ValueSpec> Params { get; init; } = new Dictionary<string, ValueSpec>();

    /// <summary>
    /// Initial values of state variables (constant or random); others start at the model's default for each neuron's
    /// parameters. A key <c>port.variable</c> (e.g. <c>exc.g</c>) sets a state variable of the receptor at that port.
    /// </summary>
    public IReadOnlyDictionary<string, ValueSpec> Initial { get; init; } = new Dictionary<string, ValueSpec>();

    /// <summary>Optional 3D positions for the viewer and distance-dependent rules.</summary>
    public PositionsSpec? Positions { get; init; }
}

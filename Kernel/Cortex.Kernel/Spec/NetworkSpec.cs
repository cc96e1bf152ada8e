namespace Cortex.Spec;

/// <summary>
/// A whole network as plain data: the single input to validation and compilation, written by the
/// fluent <see cref="NetworkBuilder"/> or read from JSON by <see cref="SpecJson"/>; both round-trip.
/// </summary>
public sealed record NetworkSpec
{
    /// <summary>A name for reports.</summary>
    public string Name { get; init; } = "network";

    /// <summary>Time step, duration and seed.</summary>
    public SimulationSettings Simulation { get; init; } = new();

    /// <summary>Neuron populations, referred to by name.</summary>
    public IReadOnlyList<PopulationSpec> Populations { get; init; } = [];

    /// <summary>Synaptic projections between populations.</summary>
    public IReadOnlyList<ProjectionSpec> Projections { get; init; } = [];

    /// <summary>External input: DC currents, Poisson generators, spike-time generators.</summary>
    public IReadOnlyList<StimulusSpec> Stimuli { get; init; } = [];

    /// <summary>What to record.</summary>
    public IReadOnlyList<ProbeSpec> Probes { get; init; } = [];

    /// <summary>Declared neuromodulators; those a model or rule reads without a declaration get baseline 0 and no decay.</summary>
    public IReadOnlyList<NeuromodulatorSpec> Neuromodulators { get; init; } = [];

    /// <summary>Circuit instances, expanded into populations and projections before validation and compilation.</summary>
    public IReadOnlyList<CircuitSpec> Circuits { get; init; } = [];
}

using Cortex.Partitioning;
using Cortex.Recording;
using Cortex.Spec;

namespace Cortex.Compilation;

/// <summary>
/// A validated network ready to run: resolved models, drawn connectivity in CSR tables, delays in
/// whole steps, initial state drawn. Backends only read it; the same instance can be run many times.
/// </summary>
public sealed class CompiledNetwork
{
    /// <summary>The spec it was compiled from.</summary>
    public required NetworkSpec Spec { get; init; }

    /// <summary>Time step (ms).</summary>
    public required double Dt { get; init; }

    /// <summary>Number of steps in the run.</summary>
    public required long Steps { get; init; }

    /// <summary>The master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Populations in spec order.</summary>
    public required IReadOnlyList<CompiledPopulation> Populations { get; init; }

    /// <summary>Projections in spec order.</summary>
    public required IReadOnlyList<CompiledProjection> Projections { get; init; }

    /// <summary>
    /// The neuromodulators of the network: those the spec declares, then those a model or rule reads that the spec
    /// does not declare (baseline 0, no decay). Index order is the order sessions use.
    /// </summary>
    public IReadOnlyList<CompiledNeuromodulator> Neuromodulators { get; init; } = [];

    /// <summary>Stimuli in spec order.</summary>
    public required IReadOnlyList<CompiledStimulus> Stimuli { get; init; }

    /// <summary>Which neurons' spikes are recorded, per population (null: none of that population).</summary>
    public required IReadOnlyList<bool[]?> SpikeRecordMasks { get; init; }

    /// <summary>State probes in spec order.</summary>
    public required IReadOnlyList<CompiledStateProbe> StateProbes { get; init; }

    /// <summary>
    /// The shortest delay in steps: no spike can affect another neuron sooner, so backends may
    /// advance this many steps between exchanges of spikes (the min-delay epoch).
    /// </summary>
    public required int MinDelaySteps { get; init; }

    /// <summary>The longest delay in steps; sizes the spike ring buffers.</summary>
    public required int MaxDelaySteps { get; init; }

    /// <summary>
    /// On one rank of a distributed run: which neurons this rank holds. Populations, stimuli, probes and spike masks then
    /// hold only the local neurons (local indices), synapse tables have one row per global source and local targets, and
    /// the delays are agreed over all ranks. Null for a whole network.
    /// </summary>
    public NeuronPartition? Partition { get; init; }

    /// <summary>Total synapses over all projections.</summary>
    public long SynapseCount => Projections.Sum(p => (long)p.Table.Count);

    /// <summary>What a recording of this network contains.</summary>
    public RecordingLayout Layout => new(
        [.. Populations.Select(p => p.Name)],
        Partition is { } partition ? partition.GlobalSizes : [.. Populations.Select(p => p.Size)],
        [.. StateProbes.Select(p => new StateProbeInfo(Populations[p.Population].Name, p.VariableName, p.Unit))],
        Dt);
}

using Cortex.Recording;

namespace Cortex.Backends;

/// <summary>
/// A session on one rank of a partitioned network (<see cref="Compilation.CompiledNetwork.Partition"/>) whose step is
/// split where a distributed driver must exchange spikes: first the local neurons advance, then the step is completed
/// with every rank's spikes. Spikes of other ranks reach this rank's synapses only through these calls, so a driver can
/// exchange once per min-delay epoch (static synapses: <see cref="DeliverStatic"/> later) or every step (plasticity).
/// Ids passed in and out are global neuron indices; recordings carry global indices too.
/// </summary>
public interface IRankSession : ISimulationSession
{
    /// <summary>
    /// First half of step <see cref="ISimulationSession.CurrentStep"/>: probes (sampled into <paramref name="recorder"/>),
    /// plastic arrivals, stimuli, the neuron update and forced spikes; <see cref="LocalSpikes"/> then gives this rank's spikes.
    /// </summary>
    void UpdateNeurons(Recorder recorder);

    /// <summary>This rank's spikes of population <paramref name="population"/> in the step being computed, as global indices, ascending.</summary>
    ReadOnlySpan<int> LocalSpikes(int population);

    /// <summary>
    /// Second half of the step: records this rank's spikes, runs the post-synaptic rule hooks of this rank's neurons and
    /// the pre-synaptic hooks of <paramref name="spikes"/> (every rank's spikes of the step, global, ascending per population),
    /// delivers them over static synapses unless <paramref name="deliverStatic"/> is false, ends the step and moves on.
    /// </summary>
    void CompleteStep(IReadOnlyList<ReadOnlyMemory<int>> spikes, bool deliverStatic, Recorder recorder);

    /// <summary>Delivers spikes of population <paramref name="population"/> emitted at the earlier step <paramref name="step"/> over the static projections.</summary>
    void DeliverStatic(long step, int population, ReadOnlySpan<int> sources);

    /// <summary>Whether any projection is plastic (its pre spikes must be seen in the step they happen).</summary>
    bool HasPlasticity { get; }
}

namespace Cortex.Backends.Execution;

/// <summary>
/// The run-time state of one plastic projection as a backend drives it: one virtual call per spike or step,
/// with the loops over synapses inside, specialised for the rule's struct types.
/// </summary>
public interface IPlasticProjection
{
    /// <summary>The stored weights in synapse-table order, brought up to date for lazy rules (a copy then; the run is not disturbed).</summary>
    ReadOnlySpan<float> Weights(long step);

    /// <summary>Overwrites the stored weights (closed-loop writes).</summary>
    void SetWeights(ReadOnlySpan<float> weights);

    /// <summary>Reads the target population's neuromodulator levels for this step, in the rule's order.</summary>
    void BeginStep(NeuromodulatorLevels levels);

    /// <summary>
    /// Processes the pre spikes arriving at <paramref name="step"/>, adding their efficacies to <paramref name="slot"/>; returns the
    /// targets that received one, in order (a target may repeat), valid until the next call.
    /// </summary>
    ReadOnlySpan<int> Arrive(long step, Span<float> slot);

    /// <summary>Source neuron <paramref name="source"/> spiked at <paramref name="step"/>: pre-neuron hook, and its synapses are queued by delay.</summary>
    void OnPreSpike(int source, long step);

    /// <summary>Target neuron <paramref name="target"/> spiked at <paramref name="step"/>: the rule sees each incoming synapse, then the neuron.</summary>
    void OnPostSpike(int target, long step);

    /// <summary>
    /// End of step: neuron states advance (a voltage-reading rule's post states with the target neurons' membrane potentials,
    /// read now, after the neuron update); every-step rules update every synapse.
    /// </summary>
    void EndStep(long step);

    /// <summary>Writes every piece of state (weights, rule states, queued spikes) for a snapshot.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader);
}

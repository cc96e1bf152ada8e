namespace Cortex.Backends.Execution;

/// <summary>
/// A backend's spike arrival buffers as the shared execution pieces see them: the per-neuron sums
/// that reach a receptor at a given step. Stimuli and plastic synapses add into the current step's
/// slot, so every input reaches a receptor through the same single addition.
/// </summary>
public interface IArrivalSlots
{
    /// <summary>The arrival sums (one per neuron) of receptor <paramref name="receptor"/> of population <paramref name="population"/> at <paramref name="step"/>.</summary>
    Span<float> Slot(int population, int receptor, long step);
}

using Cortex.Backends.Execution;
using Cortex.Recording;

namespace Cortex.Backends;

/// <summary>
/// A running network on a backend: advanced step by step with no fixed end, and open to a closed-loop caller
/// between steps (spikes of the last step, injected current and spikes, neuromodulators, state and weights,
/// snapshots). Batch runs and closed-loop tasks drive the same session; <c>ClosedLoopSession</c> wraps it by name.
/// </summary>
public interface ISimulationSession : IDisposable
{
    /// <summary>The next step to be computed (steps done so far).</summary>
    long CurrentStep { get; }

    /// <summary>All spikes so far per population, recorded or not (for rates in summaries).</summary>
    IReadOnlyList<long> SpikeCounts { get; }

    /// <summary>Advances <paramref name="steps"/> steps, reporting spikes and samples to <paramref name="recorder"/>.</summary>
    /// <exception cref="SimulationException">The state became invalid (e.g. NaN); the message names where.</exception>
    void Advance(int steps, Recorder recorder);

    /// <summary>The neurons of <paramref name="population"/> that spiked in the step just computed, ascending.</summary>
    ReadOnlySpan<int> LastSpikes(int population);

    /// <summary>Injected current and spikes, applied from the next step on.</summary>
    InjectedInput Injected { get; }

    /// <summary>Neuromodulator levels; changes take effect from the next step.</summary>
    NeuromodulatorLevels Neuromodulators { get; }

    /// <summary>Adds <paramref name="weight"/> to receptor <paramref name="receptor"/> of a neuron, arriving at the next step.</summary>
    void InjectInput(int population, int receptor, int neuron, float weight);

    /// <summary>Reads a neuron state variable (<paramref name="receptor"/> = −1) or a receptor's state variable for every neuron.</summary>
    void ReadState(int population, int receptor, int variable, Span<float> into);

    /// <summary>Writes a neuron or receptor state variable for every neuron.</summary>
    void WriteState(int population, int receptor, int variable, ReadOnlySpan<float> values);

    /// <summary>The current weights of projection <paramref name="projection"/> in synapse-table order.</summary>
    ReadOnlySpan<float> GetWeights(int projection);

    /// <summary>Overwrites the weights of projection <paramref name="projection"/> (synapse-table order).</summary>
    void SetWeights(int projection, ReadOnlySpan<float> weights);

    /// <summary>Writes the whole session (state, weights, traces, queued spikes, random streams) to <paramref name="writer"/>.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Restores what <see cref="Save"/> wrote for the same compiled network; continuing gives the same spikes.</summary>
    void Load(BinaryReader reader);
}

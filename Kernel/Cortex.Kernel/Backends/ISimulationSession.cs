using Cortex.Recording;

namespace Cortex.Backends;

/// <summary>A running network on a backend, advanced in whole steps by the runner.</summary>
public interface ISimulationSession : IDisposable
{
    /// <summary>The next step to be computed (steps done so far).</summary>
    long CurrentStep { get; }

    /// <summary>All spikes so far per population, recorded or not (for rates in summaries).</summary>
    IReadOnlyList<long> SpikeCounts { get; }

    /// <summary>The current weights of projection <paramref name="projection"/> in synapse-table order (they change under plasticity).</summary>
    ReadOnlySpan<float> GetWeights(int projection);

    /// <summary>Advances <paramref name="steps"/> steps, reporting spikes and samples to <paramref name="recorder"/>.</summary>
    /// <exception cref="SimulationException">The state became invalid (e.g. NaN); the message names where.</exception>
    void Advance(int steps, Recorder recorder);
}

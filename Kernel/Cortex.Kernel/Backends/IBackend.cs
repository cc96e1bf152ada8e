using Cortex.Compilation;

namespace Cortex.Backends;

/// <summary>
/// Something that runs compiled networks (reference, CPU, GPU). Every backend must produce the same
/// spikes as the reference backend for the same network and seed, within its stated tolerance.
/// </summary>
public interface IBackend
{
    /// <summary>Name used by <c>--backend</c>.</summary>
    string Name { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>
    /// The components of <paramref name="network"/> this backend cannot run, each named with the reason; empty when it can
    /// run everything. A backend must refuse rather than silently run something else.
    /// </summary>
    IReadOnlyList<string> Unsupported(CompiledNetwork network) => [];

    /// <summary>Prepares a run of <paramref name="network"/>; the session owns all mutable state.</summary>
    ISimulationSession Open(CompiledNetwork network, BackendOptions options);

    /// <summary>
    /// The devices this backend can run on, the default first (what <c>cortex backends</c> lists). A backend on the host's
    /// processor lists that; an accelerator backend lists what it found, each with its memory, and an empty list when it
    /// found none.
    /// </summary>
    IReadOnlyList<BackendDevice> Devices() => [BackendDevice.HostProcessor()];
}

/// <summary>Options every backend accepts.</summary>
public sealed record BackendOptions
{
    /// <summary>Worker threads; results must not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The device to run on, by <see cref="BackendDevice.Id"/> (e.g. "cuda:0", "cpu"); null for the backend's default.</summary>
    public string? Device { get; init; }
}

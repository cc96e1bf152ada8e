using Cortex.Compilation;

namespace Cortex.Backends.Reference;

/// <summary>
/// The readable definition of Cortex's simulation semantics and the oracle for every other backend.
/// Scalar, one neuron at a time through <see cref="Models.INeuronGroup"/>; threads only split the neuron
/// update into fixed chunks, so spikes are identical for any thread count.
/// </summary>
public sealed class ReferenceBackend : IBackend
{
    /// <inheritdoc />
    public string Name => "reference";

    /// <inheritdoc />
    public string Description => "scalar reference semantics (oracle for other backends)";

    /// <inheritdoc />
    public ISimulationSession Open(CompiledNetwork network, BackendOptions options) => new ReferenceSession(network, options);
}

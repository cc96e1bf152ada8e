using Cortex.Backends;
using Cortex.Compilation;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// The fast CPU backend. Same semantics and the same summation order as the reference backend, so
/// spikes are bit-identical; faster through struct-of-arrays state, SIMD neuron kernels for the
/// built-in models, fused receptor passes, compact synapse tables and threads for large populations.
/// </summary>
public sealed class CpuBackend : IBackend
{
    /// <inheritdoc />
    public string Name => "cpu";

    /// <inheritdoc />
    public string Description => "SIMD + threads, compact synapses; bit-identical to the reference backend";

    /// <inheritdoc />
    public ISimulationSession Open(CompiledNetwork network, BackendOptions options) => new CpuSession(network, options);
}

using Cortex.Backends;
using Cortex.Compilation;

namespace Cortex.Hardware.Gpu;

/// <summary>The GPU backend on ILGPU (work in progress: no session yet).</summary>
public sealed class GpuBackend : IBackend
{
    /// <inheritdoc />
    public string Name => "gpu";

    /// <inheritdoc />
    public string Description => "ILGPU kernels on a CUDA or OpenCL device";

    /// <inheritdoc />
    public ISimulationSession Open(CompiledNetwork network, BackendOptions options) =>
        throw new NotSupportedException("the gpu backend has no session yet");
}

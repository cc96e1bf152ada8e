using Cortex.Backends;
using Cortex.Compilation;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// The fast CPU backend. Same semantics and the same summation order as the reference backend, so
/// spikes are bit-identical; faster through struct-of-arrays state, SIMD neuron kernels for every model
/// that offers SIMD lanes, fused receptor passes, compact synapse tables and threads for large populations.
/// </summary>
public sealed class CpuBackend : IBackend
{
    // A population of at least 16 chunks (32,768 neurons) is split over threads: its update in chunks, its synaptic
    // delivery and arrival in one target range per thread. Below that a step is too short to pay for waking the
    // other threads (measured with 'cortex bench cuba --threads 1 2'; see the notes of the cpu branch).
    private const int DefaultParallelMinNeurons = 16 * CpuPopulation.ChunkSize;

    private readonly int _parallelMinNeurons;

    /// <summary>The backend with its default threading threshold.</summary>
    public CpuBackend()
        : this(DefaultParallelMinNeurons)
    {
    }

    /// <summary>A backend that splits populations of at least <paramref name="parallelMinNeurons"/> over threads (tests use small values).</summary>
    internal CpuBackend(int parallelMinNeurons) => _parallelMinNeurons = parallelMinNeurons;

    /// <inheritdoc />
    public string Name => "cpu";

    /// <inheritdoc />
    public string Description => "SIMD + threads, compact synapses; bit-identical to the reference backend";

    /// <inheritdoc />
    public ISimulationSession Open(CompiledNetwork network, BackendOptions options) => new CpuSession(network, options, _parallelMinNeurons);
}

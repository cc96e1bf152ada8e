using Cortex.Compilation;
using Cortex.Hardware.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Session;

/// <summary>
/// A static projection's synapse table on the device, sorted by source (the compiler's CSR rows): for each spike, one thread
/// walks the neuron's row and adds each weight into the target's delay-ring slot with a fixed-point atomic add.
/// </summary>
internal sealed class GpuSynapses : IDisposable
{
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _rowStart;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _targets;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _weights;
    private readonly MemoryBuffer1D<ushort, Stride1D.Dense> _delays;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<ushort>, ArrayView<long>, int, int, int, int> _deliver;
    private readonly int _count;

    public GpuSynapses(Accelerator accelerator, SynapseTable table)
    {
        _count = table.Count;
        _rowStart = accelerator.Allocate1D(table.RowStart);
        _targets = accelerator.Allocate1D(table.Count == 0 ? [0] : table.Targets);
        _weights = accelerator.Allocate1D(table.Count == 0 ? [0f] : table.Weights);
        _delays = accelerator.Allocate1D(table.Count == 0 ? [(ushort)0] : table.DelaySteps);
        _deliver = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<ushort>, ArrayView<long>, int, int, int, int>(DeliveryKernels.Deliver);
    }

    /// <summary>Device bytes a table of <paramref name="sources"/> rows and <paramref name="synapses"/> synapses takes.</summary>
    public static long BytesFor(int sources, long synapses) => 4L * (sources + 1) + synapses * (4 + 4 + 2);

    public long Bytes => _rowStart.LengthInBytes + _targets.LengthInBytes + _weights.LengthInBytes + _delays.LengthInBytes;

    /// <summary>Delivers this step's spikes of the source (<paramref name="spikes"/>, count in <paramref name="spikeCount"/>[0], at most <paramref name="sourceSize"/>).</summary>
    public void Deliver(ArrayView<int> spikes, ArrayView<int> spikeCount, int sourceSize, ArrayView<long> ring, long step, int ringLength, int portSpace, int targetBase)
    {
        if (_count == 0 || sourceSize == 0) return;
        _deliver(sourceSize, spikes, spikeCount, _rowStart.View, _targets.View, _weights.View, _delays.View, ring, (int)(step % ringLength), ringLength, portSpace, targetBase);
    }

    /// <summary>The weights in table order.</summary>
    public float[] Weights() => _count == 0 ? [] : DeviceCopy.ToArray<float>(_weights.View);

    /// <summary>Overwrites the weights (table order).</summary>
    public void SetWeights(ReadOnlySpan<float> weights)
    {
        if (weights.Length != _count) throw new ArgumentException($"the projection has {_count} synapses, not {weights.Length}", nameof(weights));
        DeviceCopy.Upload(_weights.View, weights);
    }

    public void Dispose()
    {
        _rowStart.Dispose();
        _targets.Dispose();
        _weights.Dispose();
        _delays.Dispose();
    }
}

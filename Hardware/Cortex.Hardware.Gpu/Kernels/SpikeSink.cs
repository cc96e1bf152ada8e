using ILGPU;

namespace Cortex.Hardware.Gpu.Kernels;

/// <summary>
/// Where a population's kernels put its spikes on the device: a flag per neuron for this step, this step's compacted list
/// (what delivery and plasticity walk), and the recording list of the whole chunk of steps copied to the host at its end.
/// Lists are compacted with atomic counters, so their order varies; the host sorts each step's spikes.
/// </summary>
public struct SpikeSink
{
    /// <summary>1 where the neuron spiked this step.</summary>
    public ArrayView<int> Flags;

    /// <summary>This step's spiking neurons, <see cref="StepCount"/>[0] of them.</summary>
    public ArrayView<int> StepList;

    /// <summary>One counter: the length of <see cref="StepList"/>.</summary>
    public ArrayView<int> StepCount;

    /// <summary>The spiking neurons of every step of the chunk, step after step.</summary>
    public ArrayView<int> Record;

    /// <summary>One counter: the length of <see cref="Record"/>.</summary>
    public ArrayView<int> RecordCount;

    /// <summary>One value: the least step · size + neuron whose membrane potential became non-finite (long.MaxValue while none).</summary>
    public ArrayView<long> FirstNonFinite;

    /// <summary>Appends <paramref name="neuron"/> to this step's list and the chunk's record.</summary>
    public readonly void Add(int neuron)
    {
        StepList[Atomic.Add(ref StepCount[0], 1)] = neuron;
        Record[Atomic.Add(ref RecordCount[0], 1)] = neuron;
    }
}

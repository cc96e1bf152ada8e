using Cortex.Backends.Execution;
using ILGPU;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// A plastic projection on the device (implemented by gpu-rules), called by the session in the CPU backend's order: begin,
/// arrivals before the neuron update, post then pre spikes of the step, end of step.
/// </summary>
public interface IGpuPlasticProjection : IDisposable
{
    /// <summary>Host-side neuromodulator levels, before the step.</summary>
    void BeginStep(NeuromodulatorLevels levels);

    /// <summary>Adds the efficacies of pre spikes arriving at <paramref name="step"/> into the target receptor's ring slot (fixed point, see <see cref="Kernels.GpuFixedPoint"/>).</summary>
    void Arrive(long step, ArrayView<long> slot);

    /// <summary>The target population's spikes of this step (unsorted; count in count[0]).</summary>
    void OnPostSpikes(long step, ArrayView<int> spikes, ArrayView<int> count);

    /// <summary>The source population's spikes of this step (unsorted; count in count[0]).</summary>
    void OnPreSpikes(long step, ArrayView<int> spikes, ArrayView<int> count);

    /// <summary>Trace advance and every-step updates.</summary>
    void EndStep(long step);

    /// <summary>The weights in synapse-table order.</summary>
    float[] GetWeights(long step);

    /// <summary>Overwrites the weights (synapse-table order).</summary>
    void SetWeights(ReadOnlySpan<float> weights);

    /// <summary>Writes the projection's state for a snapshot.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader);
}

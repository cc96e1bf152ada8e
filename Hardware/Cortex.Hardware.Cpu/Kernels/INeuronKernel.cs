using Cortex.Models;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// A population's neuron state as the CPU backend drives it: whole ranges at a time, so a kernel can
/// use SIMD and keep its state in struct-of-arrays form.
/// </summary>
internal interface INeuronKernel
{
    /// <summary>Reads a state variable.</summary>
    float Get(int variable, int neuron);

    /// <summary>Writes a state variable.</summary>
    void Set(int variable, int neuron, float value);

    /// <summary>Applies a delta-synapse jump with the model's own rule (e.g. ignored while refractory).</summary>
    void AddVoltage(int neuron, float jump);

    /// <summary>Copies membrane potentials of neurons first .. first + into.Length − 1.</summary>
    void CopyVoltages(int first, Span<float> into);

    /// <summary>Advances neurons first .. first + batch.Currents.Length − 1; writes spiking indices; returns their count.</summary>
    int Update(int first, in NeuronBatch batch, Span<int> spiked);

    /// <summary>Writes the whole neuron state for a snapshot.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Reads back what <see cref="Save"/> wrote.</summary>
    void Load(BinaryReader reader);

    /// <summary>The first neuron in the range whose membrane potential is not finite, or −1.</summary>
    int FirstNonFinite(int first, int count);
}

using Cortex.Models;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// Any neuron model, through its <see cref="INeuronGroup"/>: the range update is the model's own
/// JIT-specialised scalar loop. Used for models without a SIMD kernel (plugins included).
/// </summary>
internal sealed class GenericNeuronKernel(INeuronGroup group) : INeuronKernel
{
    public float Get(int variable, int neuron) => group.Get(variable, neuron);

    public void Set(int variable, int neuron, float value) => group.Set(variable, neuron, value);

    public void AddVoltage(int neuron, float jump) => group.AddVoltage(neuron, jump);

    public void CopyVoltages(int first, Span<float> into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = group.Voltage(first + i);
    }

    public int Update(int first, in NeuronBatch batch, Span<int> spiked) => group.StepMany(first, in batch, spiked);

    public void Save(BinaryWriter writer) => group.Save(writer);

    public void Load(BinaryReader reader) => group.Load(reader);

    public int FirstNonFinite(int first, int count)
    {
        for (var n = first; n < first + count; n++)
            if (!float.IsFinite(group.Voltage(n))) return n;
        return -1;
    }
}

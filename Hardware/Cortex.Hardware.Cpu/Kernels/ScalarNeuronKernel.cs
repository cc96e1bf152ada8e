using Cortex.Models;
using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// A model without SIMD lanes through its own <see cref="NeuronGroup{TState, TParams, TDynamics}"/>, with the concrete
/// types the model visitor gave: every call is direct (no interface dispatch per neuron), and the scan for a non-finite
/// membrane potential after each chunk reads the states in place instead of calling the group once per neuron.
/// </summary>
internal sealed class ScalarNeuronKernel<TState, TParams, TDynamics>(NeuronGroup<TState, TParams, TDynamics> group) : INeuronKernel
    where TState : unmanaged
    where TParams : unmanaged
    where TDynamics : struct, INeuronDynamics<TState, TParams>
{
    public float Get(int variable, int neuron) => group.Get(variable, neuron);

    public void Set(int variable, int neuron, float value) => group.Set(variable, neuron, value);

    public void AddVoltage(int neuron, float jump) => group.AddVoltage(neuron, jump);

    public void CopyVoltages(int first, Span<float> into)
    {
        var states = group.States.Slice(first, into.Length);
        for (var i = 0; i < into.Length; i++) into[i] = default(TDynamics).Voltage(in states[i]);
    }

    public int Update(int first, in NeuronBatch batch, Span<int> spiked) => group.StepMany(first, in batch, spiked);

    public void Save(BinaryWriter writer) => group.Save(writer);

    public void Load(BinaryReader reader) => group.Load(reader);

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FirstNonFinite(int first, int count)
    {
        var states = group.States.Slice(first, count);
        for (var i = 0; i < states.Length; i++)
            if (!float.IsFinite(default(TDynamics).Voltage(in states[i]))) return first + i;
        return -1;
    }
}

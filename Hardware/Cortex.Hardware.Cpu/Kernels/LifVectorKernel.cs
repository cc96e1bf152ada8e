using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cortex.Backends.Execution;
using Cortex.Models;
using Cortex.Modules.Neurons;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// The LIF model (<see cref="Lif"/>) in struct-of-arrays form with <see cref="Vector{T}"/> lanes.
/// Every lane performs the scalar model's operations in the same order, so results are bit-identical
/// to <see cref="Lif.Dynamics"/>; refractoriness and reset become lane selects.
/// </summary>
internal sealed class LifVectorKernel(Lif.Params p, int count) : INeuronKernel
{
    private readonly float[] _v = new float[count];
    private readonly int[] _refractory = new int[count];

    // Set by Update when a lane became NaN or infinite, so the scan for the culprit runs only then.
    private bool _sawNonFinite;

    // JIT-compiles UpdateFused when the first kernel is built (while the network is opened): its Vector<T> lanes depend
    // on the machine, so the ReadyToRun image has no code for it and the first simulated step would wait for the JIT.
    static LifVectorKernel() =>
        RuntimeHelpers.PrepareMethod(typeof(LifVectorKernel).GetMethod(nameof(UpdateFused))!.MethodHandle);

    public float Get(int variable, int neuron) => variable == 0 ? _v[neuron] : _refractory[neuron];

    public void Set(int variable, int neuron, float value)
    {
        if (variable == 0) _v[neuron] = value;
        else _refractory[neuron] = (int)value;
    }

    public void AddVoltage(int neuron, float jump)
    {
        if (_refractory[neuron] == 0) _v[neuron] += jump;
    }

    public void CopyVoltages(int first, Span<float> into) => _v.AsSpan(first, into.Length).CopyTo(into);

    // A precomputed current is a DC input with no receptors: one implementation of the arithmetic.
    public int Update(int first, in NeuronBatch batch, Span<int> spiked) =>
        UpdateFused(first, batch.Currents.Length, new FusedInputs { Dc = batch.Currents }, spiked);

    public void Save(BinaryWriter writer)
    {
        writer.WriteArray<float>(_v);
        writer.WriteArray<int>(_refractory);
    }

    public void Load(BinaryReader reader)
    {
        reader.ReadArray<float>(_v);
        reader.ReadArray<int>(_refractory);
    }

    /// <summary>
    /// Advances neurons with each lane's input computed as DC + Σ receptor contributions (the
    /// reference's order), decaying the receptor states in the same pass.
    /// </summary>
    public int UpdateFused(int first, int length, scoped in FusedInputs inputs, Span<int> spiked)
    {
        var v = _v.AsSpan(first, length);
        var refractory = _refractory.AsSpan(first, length);
        var width = Vector<float>.Count;
        var count = 0;
        var i = 0;
        var receptors = inputs.Receptors;
        var hasDc = !inputs.Dc.IsEmpty;
        if (Vector.IsHardwareAccelerated)
        {
            var vRest = new Vector<float>(p.VRest);
            var resistance = new Vector<float>(p.Resistance);
            var iOffset = new Vector<float>(p.IOffset);
            var decay = new Vector<float>(p.Decay);
            var vThresh = new Vector<float>(p.VThresh);
            var vReset = new Vector<float>(p.VReset);
            var refractorySteps = new Vector<int>(p.RefractorySteps);
            var (decay0, decay1) = (new Vector<float>(inputs.Decay0), new Vector<float>(inputs.Decay1));
            var (reversal0, reversal1) = (new Vector<float>(inputs.Reversal0), new Vector<float>(inputs.Reversal1));
            var vLanes = MemoryMarshal.Cast<float, Vector<float>>(v);
            var rLanes = MemoryMarshal.Cast<int, Vector<int>>(refractory);
            var dcLanes = MemoryMarshal.Cast<float, Vector<float>>(inputs.Dc);
            var g0 = MemoryMarshal.Cast<float, Vector<float>>(inputs.State0);
            var g1 = MemoryMarshal.Cast<float, Vector<float>>(inputs.State1);
            var infinity = new Vector<float>(float.PositiveInfinity);
            var nonFinite = Vector<int>.Zero;
            for (var k = 0; k < vLanes.Length; k++)
            {
                var vk = vLanes[k];
                var current = hasDc ? dcLanes[k] : Vector<float>.Zero;
                if (receptors > 0)
                {
                    var g = g0[k];
                    current += inputs.Conductance0 ? g * (reversal0 - vk) : g;
                    g0[k] = g * decay0;
                }
                if (receptors > 1)
                {
                    var g = g1[k];
                    current += inputs.Conductance1 ? g * (reversal1 - vk) : g;
                    g1[k] = g * decay1;
                }
                var target = vRest + resistance * (current + iOffset);
                var relaxed = target + (vk - target) * decay;
                var r = rLanes[k];
                var isRefractory = Vector.GreaterThan(r, Vector<int>.Zero);
                var crossed = Vector.AsVectorInt32(Vector.GreaterThanOrEqual(relaxed, vThresh));
                var spikes = Vector.AndNot(crossed, isRefractory);
                var updated = Vector.ConditionalSelect(Vector.AsVectorSingle(isRefractory | spikes), vReset, relaxed);
                nonFinite |= Vector.OnesComplement(Vector.LessThan(Vector.Abs(updated), infinity));
                vLanes[k] = updated;
                if (!Vector.EqualsAll(isRefractory | spikes, Vector<int>.Zero))
                    rLanes[k] = Vector.ConditionalSelect(isRefractory, r - Vector<int>.One, Vector.ConditionalSelect(spikes, refractorySteps, r));
                if (!Vector.EqualsAll(spikes, Vector<int>.Zero))
                    for (var lane = 0; lane < width; lane++)
                        if (spikes[lane] != 0) spiked[count++] = first + k * width + lane;
            }
            i = vLanes.Length * width;
            _sawNonFinite |= !Vector.EqualsAll(nonFinite, Vector<int>.Zero);
        }
        var dynamics = default(Lif.Dynamics);
        for (; i < length; i++)
        {
            var current = hasDc ? inputs.Dc[i] : 0f;
            if (receptors > 0)
            {
                var g = inputs.State0[i];
                current += inputs.Conductance0 ? g * (inputs.Reversal0 - v[i]) : g;
                inputs.State0[i] = g * inputs.Decay0;
            }
            if (receptors > 1)
            {
                var g = inputs.State1[i];
                current += inputs.Conductance1 ? g * (inputs.Reversal1 - v[i]) : g;
                inputs.State1[i] = g * inputs.Decay1;
            }
            var state = new Lif.State { V = v[i], Refractory = refractory[i] };
            if (dynamics.Step(ref state, in p, new NeuronInput(current))) spiked[count++] = first + i;
            v[i] = state.V;
            refractory[i] = state.Refractory;
            _sawNonFinite |= !float.IsFinite(state.V);
        }
        return count;
    }

    public int FirstNonFinite(int first, int count)
    {
        if (!_sawNonFinite) return -1;
        var v = _v.AsSpan(first, count);
        for (var i = 0; i < v.Length; i++)
            if (!float.IsFinite(v[i])) return first + i;
        return -1;
    }
}

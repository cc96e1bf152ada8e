using System.Numerics;
using System.Runtime.InteropServices;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One receptor of a population on the CPU backend: per-neuron state, a ring of per-step arrival
/// sums, and for each slot the list of neurons that received something. Arrival then touches only
/// those neurons instead of streaming the whole slot through memory every step; it performs the same
/// addition g + (sum of arrivals) as the reference backend, so results stay bit-identical.
/// </summary>
internal sealed class CpuReceptor
{
    private readonly float[] _state;
    private readonly int[][] _touched;
    private readonly int[] _touchedCount;
    private readonly bool[] _dense;

    public CpuReceptor(ReceptorDynamics dynamics, int size, int ringLength)
    {
        Dynamics = dynamics;
        Size = size;
        RingLength = ringLength;
        _state = new float[size];
        Ring = new float[size * ringLength];
        _touched = [.. Enumerable.Range(0, ringLength).Select(_ => new int[64])];
        _touchedCount = new int[ringLength];
        _dense = new bool[ringLength];
    }

    public ReceptorDynamics Dynamics { get; }

    public int Size { get; }

    public int RingLength { get; }

    /// <summary>Slots of <see cref="Size"/> arrival sums, one per step modulo <see cref="RingLength"/>.</summary>
    public float[] Ring { get; }

    /// <summary>Bytes of ring, state and touch lists, for the memory report.</summary>
    public long Bytes => (Ring.LongLength + _state.LongLength) * sizeof(float) + _touched.Sum(t => (long)t.Length * sizeof(int));

    /// <summary>The slot of <paramref name="step"/> for writers that do not record what they touch (stimuli, plastic synapses).</summary>
    public Span<float> DenseSlot(long step)
    {
        var slot = (int)(step % RingLength);
        _dense[slot] = true;
        return Ring.AsSpan(slot * Size, Size);
    }

    /// <summary>Records that <paramref name="targets"/> received input in <paramref name="slot"/>.</summary>
    public void Touch(int slot, ReadOnlySpan<ushort> targets)
    {
        var list = Reserve(slot, targets.Length);
        var count = _touchedCount[slot];
        for (var i = 0; i < targets.Length; i++) list[count + i] = targets[i];
        _touchedCount[slot] = count + targets.Length;
    }

    /// <summary>Records that <paramref name="targets"/> received input in <paramref name="slot"/>.</summary>
    public void Touch(int slot, ReadOnlySpan<int> targets)
    {
        var list = Reserve(slot, targets.Length);
        targets.CopyTo(list.AsSpan(_touchedCount[slot]));
        _touchedCount[slot] += targets.Length;
    }

    private int[] Reserve(int slot, int more)
    {
        var needed = _touchedCount[slot] + more;
        if (needed > _touched[slot].Length) Array.Resize(ref _touched[slot], Math.Max(needed, 2 * _touched[slot].Length));
        return _touched[slot];
    }

    /// <summary>Takes the arrival sums of <paramref name="step"/> into the state (or as voltage jumps) and clears the slot.</summary>
    public void Arrive(long step, INeuronKernel kernel)
    {
        var slotIndex = (int)(step % RingLength);
        var slot = Ring.AsSpan(slotIndex * Size, Size);
        var jumps = Dynamics.Kind == ReceptorKind.VoltageJump;
        if (_dense[slotIndex])
        {
            for (var n = 0; n < slot.Length; n++) Take(n, slot, jumps, kernel);
            _dense[slotIndex] = false;
        }
        else
        {
            // A neuron may be listed more than once; after its first visit its sum is zero and adds nothing.
            foreach (var n in _touched[slotIndex].AsSpan(0, _touchedCount[slotIndex])) Take(n, slot, jumps, kernel);
        }
        _touchedCount[slotIndex] = 0;
    }

    private void Take(int n, Span<float> slot, bool jumps, INeuronKernel kernel)
    {
        var arrived = slot[n];
        if (arrived == 0) return;
        if (jumps) kernel.AddVoltage(n, arrived);
        else _state[n] += arrived;
        slot[n] = 0;
    }

    /// <summary>The per-neuron state of neurons <paramref name="start"/> .. start + length − 1, for fused kernels.</summary>
    public Span<float> State(int start, int length) => _state.AsSpan(start, length);

    // I += g (or g·(E − v)); g *= decay — the reference's order, lane by lane.
    public void AddCurrentAndDecay(Span<float> currents, ReadOnlySpan<float> voltages, int start)
    {
        var state = _state.AsSpan(start, currents.Length);
        var conductance = Dynamics.Kind == ReceptorKind.Conductance;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var decay = new Vector<float>(Dynamics.Decay);
            var reversal = new Vector<float>(Dynamics.Reversal);
            var g = MemoryMarshal.Cast<float, Vector<float>>(state);
            var input = MemoryMarshal.Cast<float, Vector<float>>(currents);
            if (conductance)
            {
                var v = MemoryMarshal.Cast<float, Vector<float>>(voltages);
                for (var k = 0; k < g.Length; k++)
                {
                    input[k] += g[k] * (reversal - v[k]);
                    g[k] *= decay;
                }
            }
            else
            {
                for (var k = 0; k < g.Length; k++)
                {
                    input[k] += g[k];
                    g[k] *= decay;
                }
            }
            i = g.Length * Vector<float>.Count;
        }
        for (; i < state.Length; i++)
        {
            currents[i] += conductance ? state[i] * (Dynamics.Reversal - voltages[i]) : state[i];
            state[i] *= Dynamics.Decay;
        }
    }
}

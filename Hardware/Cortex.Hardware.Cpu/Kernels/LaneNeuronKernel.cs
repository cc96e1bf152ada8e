using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Cortex.Backends.Execution;
using Cortex.Models;

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// Any neuron model whose dynamics implement <see cref="INeuronLaneDynamics{TState, TParams, TLanes}"/>, in SIMD lanes:
/// the state is stored as <typeparamref name="TLanes"/> groups of <see cref="Vector{T}.Count"/> neurons (the last group
/// padded), and the JIT specialises and inlines the model's lane step into the fused receptor loop. The model's
/// contract (each lane performs the scalar step's operations) keeps results bit-identical to the reference backend.
/// Built-in and plugin models take this path alike.
/// </summary>
internal sealed class LaneNeuronKernel<TState, TParams, TDynamics, TLanes> : IFusedNeuronKernel
    where TState : unmanaged
    where TParams : unmanaged
    where TDynamics : struct, INeuronLaneDynamics<TState, TParams, TLanes>
    where TLanes : unmanaged
{
    // A JIT-time constant (a static readonly field would not be folded while the static constructor compiles the loop).
    private static int Width => Vector<float>.Count;

    private readonly TLanes[] _lanes;
    private readonly TParams _parameters;
    private readonly int _count;

    // Set by an update when a lane became NaN or infinite, so the scan for the culprit runs only then.
    private bool _sawNonFinite;

    // JIT-compiles UpdateFused when the first kernel of these types is built (while the network is opened): its
    // Vector<T> lanes depend on the machine, so no ReadyToRun code exists and step 0 would otherwise wait for the JIT.
    // (All type arguments are structs, so the methods are not shared between instantiations and their handles are exact.)
    static LaneNeuronKernel()
    {
        var type = typeof(LaneNeuronKernel<TState, TParams, TDynamics, TLanes>);
        RuntimeHelpers.PrepareMethod(type.GetMethod(nameof(UpdateFused))!.MethodHandle);
        RuntimeHelpers.PrepareMethod(type.GetMethod(nameof(Run), BindingFlags.Instance | BindingFlags.NonPublic)!.MethodHandle);
    }

    /// <summary><paramref name="count"/> neurons sharing <paramref name="parameters"/>, all in state <paramref name="initial"/>.</summary>
    public LaneNeuronKernel(TParams parameters, int count, TState initial)
    {
        if (CpuPopulation.ChunkSize % Width != 0) throw new InvalidOperationException($"a chunk of {CpuPopulation.ChunkSize} neurons is not a whole number of {Width}-lane vectors");
        _parameters = parameters;
        _count = count;
        _lanes = new TLanes[(count + Width - 1) / Width];
        // Padding lanes hold a valid state too, so they never produce NaN; their spikes are ignored.
        var dynamics = default(TDynamics);
        for (var g = 0; g < _lanes.Length; g++)
            for (var lane = 0; lane < Width; lane++) dynamics.SetLane(ref _lanes[g], lane, in initial);
    }

    public float Get(int variable, int neuron) => default(TDynamics).Get(StateOf(neuron), variable);

    public void Set(int variable, int neuron, float value)
    {
        var state = StateOf(neuron);
        default(TDynamics).Set(ref state, variable, value);
        default(TDynamics).SetLane(ref _lanes[neuron / Width], neuron % Width, in state);
    }

    public void AddVoltage(int neuron, float jump)
    {
        var state = StateOf(neuron);
        default(TDynamics).AddVoltage(ref state, in _parameters, jump);
        default(TDynamics).SetLane(ref _lanes[neuron / Width], neuron % Width, in state);
    }

    public void CopyVoltages(int first, Span<float> into)
    {
        var dynamics = default(TDynamics);
        for (var i = 0; i < into.Length; i++)
        {
            var neuron = first + i;
            into[i] = dynamics.Voltage(in _lanes[neuron / Width])[neuron % Width];
        }
    }

    // A precomputed current is a DC input with no receptors: one implementation of the arithmetic.
    public int Update(int first, in NeuronBatch batch, Span<int> spiked) =>
        UpdateFused(first, batch.Currents.Length, new FusedInputs { Dc = batch.Currents }, spiked);

    // Snapshots hold the scalar states in neuron order, the format of the model's own group: independent of the vector width.
    public void Save(BinaryWriter writer)
    {
        var states = new TState[_count];
        for (var n = 0; n < _count; n++) states[n] = StateOf(n);
        writer.Write(MemoryMarshal.AsBytes(states.AsSpan()));
    }

    public void Load(BinaryReader reader)
    {
        var states = new TState[_count];
        var bytes = MemoryMarshal.AsBytes(states.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new EndOfStreamException("the snapshot ends inside a neuron state");
        for (var n = 0; n < _count; n++) default(TDynamics).SetLane(ref _lanes[n / Width], n % Width, in states[n]);
    }

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int UpdateFused(int first, int length, scoped in FusedInputs inputs, Span<int> spiked)
    {
        var whole = length / Width;
        var group = first / Width;
        var count = Run(group, whole, MemoryMarshal.Cast<float, Vector<float>>(inputs.Dc), MemoryMarshal.Cast<float, Vector<float>>(inputs.State0),
            MemoryMarshal.Cast<float, Vector<float>>(inputs.State1), in inputs, Vector<int>.AllBitsSet, spiked, 0);
        var tail = length - whole * Width;
        if (tail == 0) return count;

        // The last, partial group: its inputs go through one padded vector each (zero input in the padding lanes).
        var offset = whole * Width;
        Span<Vector<float>> padded = stackalloc Vector<float>[3];
        var lanes = MemoryMarshal.Cast<Vector<float>, float>(padded);
        lanes.Clear();
        if (!inputs.Dc.IsEmpty) inputs.Dc[offset..].CopyTo(lanes);
        if (inputs.Receptors > 0) inputs.State0[offset..].CopyTo(lanes[Width..]);
        if (inputs.Receptors > 1) inputs.State1[offset..].CopyTo(lanes[(2 * Width)..]);
        var valid = Vector.LessThan(Vector<int>.Indices, new Vector<int>(tail));
        count = Run(group + whole, 1, inputs.Dc.IsEmpty ? default : padded[..1], padded.Slice(1, 1), padded.Slice(2, 1), in inputs, valid, spiked, count);
        if (inputs.Receptors > 0) lanes.Slice(Width, tail).CopyTo(inputs.State0[offset..]);
        if (inputs.Receptors > 1) lanes.Slice(2 * Width, tail).CopyTo(inputs.State1[offset..]);
        return count;
    }

    // Advances groups [group, group + groups): lane input = DC + receptor 0 + receptor 1, each receptor then decays.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Run(int group, int groups, ReadOnlySpan<Vector<float>> dc, Span<Vector<float>> g0, Span<Vector<float>> g1,
        scoped in FusedInputs inputs, Vector<int> valid, Span<int> spiked, int count)
    {
        var dynamics = default(TDynamics);
        // A local copy: the JIT can keep its fields in registers and hoist the model's broadcasts out of the loop,
        // which it cannot do for the field, as stores to the lanes might alias it.
        var parameters = _parameters;
        var receptors = inputs.Receptors;
        var hasDc = !dc.IsEmpty;
        var (decay0, decay1) = (new Vector<float>(inputs.Decay0), new Vector<float>(inputs.Decay1));
        var (reversal0, reversal1) = (new Vector<float>(inputs.Reversal0), new Vector<float>(inputs.Reversal1));
        var (conductance0, conductance1) = (inputs.Conductance0, inputs.Conductance1);
        var infinity = new Vector<float>(float.PositiveInfinity);
        var nonFinite = Vector<int>.Zero;
        var lanes = _lanes.AsSpan(group, groups);
        var firstNeuron = group * Width;
        for (var k = 0; k < lanes.Length; k++)
        {
            ref var state = ref lanes[k];
            var current = hasDc ? dc[k] : Vector<float>.Zero;
            if (receptors > 0)
            {
                var g = g0[k];
                current += conductance0 ? g * (reversal0 - dynamics.Voltage(in state)) : g;
                g0[k] = g * decay0;
            }
            if (receptors > 1)
            {
                var g = g1[k];
                current += conductance1 ? g * (reversal1 - dynamics.Voltage(in state)) : g;
                g1[k] = g * decay1;
            }
            var spikes = dynamics.Step(ref state, in parameters, current) & valid;
            nonFinite |= Vector.OnesComplement(Vector.LessThan(Vector.Abs(dynamics.Voltage(in state)), infinity));
            if (Vector.EqualsAll(spikes, Vector<int>.Zero)) continue;
            var bits = LaneBits(spikes);
            var neuron = firstNeuron + k * Width;
            while (bits != 0)
            {
                spiked[count++] = neuron + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
        _sawNonFinite |= !Vector.EqualsAll(nonFinite & valid, Vector<int>.Zero);
        return count;
    }

    // Bit i set when lane i is set; the width tests are JIT-time constants, so one branch remains.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LaneBits(Vector<int> mask)
    {
        if (Vector<int>.Count == Vector256<int>.Count) return mask.AsVector256().ExtractMostSignificantBits();
        if (Vector<int>.Count == Vector128<int>.Count) return mask.AsVector128().ExtractMostSignificantBits();
        if (Vector<int>.Count == Vector512<int>.Count) return mask.AsVector512().ExtractMostSignificantBits();
        var bits = 0UL;
        for (var lane = 0; lane < Vector<int>.Count; lane++)
            if (mask[lane] != 0) bits |= 1UL << lane;
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FirstNonFinite(int first, int count)
    {
        if (!_sawNonFinite) return -1;
        var dynamics = default(TDynamics);
        for (var n = first; n < first + count; n++)
            if (!float.IsFinite(dynamics.Voltage(StateOf(n)))) return n;
        return -1;
    }

    private TState StateOf(int neuron) => default(TDynamics).GetLane(in _lanes[neuron / Width], neuron % Width);
}

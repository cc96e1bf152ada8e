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

    // JIT-compiles the chunk entry point when the first kernel of these types is built (while the network is opened):
    // its Vector<T> lanes depend on the machine, so no ReadyToRun code exists and step 0 would otherwise wait for the
    // JIT. The loops of each input shape are compiled by Prepare.
    static LaneNeuronKernel() =>
        RuntimeHelpers.PrepareMethod(typeof(LaneNeuronKernel<TState, TParams, TDynamics, TLanes>).GetMethod(nameof(UpdateFused), [typeof(int), typeof(int), typeof(FusedInputs).MakeByRefType(), typeof(Span<int>)])!.MethodHandle);

    /// <inheritdoc/>
    public void Prepare(int receptors, bool conductance0, bool conductance1, bool dc)
    {
        var slot0 = receptors < 1 ? typeof(NoReceptor) : conductance0 ? typeof(ConductanceReceptor) : typeof(CurrentReceptor);
        var slot1 = receptors < 2 ? typeof(NoReceptor) : conductance1 ? typeof(ConductanceReceptor) : typeof(CurrentReceptor);
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
        var update = GetType().GetMethods(Private).Single(m => m.Name == nameof(UpdateFused) && m.GetGenericArguments().Length == 3);
        var run = GetType().GetMethod(nameof(Run), Private)!;
        // All type arguments are structs, so each instantiation is its own code and its handle is exact.
        foreach (var input in dc ? (Type[])[typeof(WithoutDc), typeof(WithDc)] : [typeof(WithoutDc)])
        {
            RuntimeHelpers.PrepareMethod(update.MakeGenericMethod(input, slot0, slot1).MethodHandle);
            RuntimeHelpers.PrepareMethod(run.MakeGenericMethod(input, slot0, slot1).MethodHandle);
        }
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
    public int UpdateFused(int first, int length, scoped in FusedInputs inputs, Span<int> spiked) =>
        inputs.Dc.IsEmpty ? UpdateFused<WithoutDc>(first, length, in inputs, spiked) : UpdateFused<WithDc>(first, length, in inputs, spiked);

    // The receptor slots' shapes are chosen once per chunk, so the lane loop itself tests nothing about its inputs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int UpdateFused<TDc>(int first, int length, scoped in FusedInputs inputs, Span<int> spiked) where TDc : struct, IDcInput
    {
        if (inputs.Receptors == 0) return UpdateFused<TDc, NoReceptor, NoReceptor>(first, length, in inputs, spiked);
        if (inputs.Conductance0) return UpdateFused<TDc, ConductanceReceptor>(first, length, in inputs, spiked);
        return UpdateFused<TDc, CurrentReceptor>(first, length, in inputs, spiked);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int UpdateFused<TDc, TR0>(int first, int length, scoped in FusedInputs inputs, Span<int> spiked)
        where TDc : struct, IDcInput where TR0 : struct, IReceptorInput
    {
        if (inputs.Receptors == 1) return UpdateFused<TDc, TR0, NoReceptor>(first, length, in inputs, spiked);
        if (inputs.Conductance1) return UpdateFused<TDc, TR0, ConductanceReceptor>(first, length, in inputs, spiked);
        return UpdateFused<TDc, TR0, CurrentReceptor>(first, length, in inputs, spiked);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UpdateFused<TDc, TR0, TR1>(int first, int length, scoped in FusedInputs inputs, Span<int> spiked)
        where TDc : struct, IDcInput where TR0 : struct, IReceptorInput where TR1 : struct, IReceptorInput
    {
        var whole = length / Width;
        var group = first / Width;
        // The loop indexes without bounds checks, so the spans must hold every whole group it reads.
        if ((TDc.Present && inputs.Dc.Length < length) || (TR0.Present && inputs.State0.Length < length) || (TR1.Present && inputs.State1.Length < length)
            || group + whole > _lanes.Length)
            throw new ArgumentException($"fused inputs shorter than the {length} neurons updated");
        var count = Run<TDc, TR0, TR1>(group, whole, ref Groups(inputs.Dc), ref Groups(inputs.State0), ref Groups(inputs.State1),
            in inputs, Vector<int>.AllBitsSet, spiked, 0);
        var tail = length - whole * Width;
        if (tail == 0) return count;

        // The last, partial group: its inputs go through one padded vector each (zero input in the padding lanes).
        if (group + whole >= _lanes.Length) throw new ArgumentException($"neuron {first + length - 1} is past the kernel's {_count}");
        var offset = whole * Width;
        Span<Vector<float>> padded = stackalloc Vector<float>[3];
        var lanes = MemoryMarshal.Cast<Vector<float>, float>(padded);
        lanes.Clear();
        if (TDc.Present) inputs.Dc[offset..].CopyTo(lanes);
        if (TR0.Present) inputs.State0[offset..].CopyTo(lanes[Width..]);
        if (TR1.Present) inputs.State1[offset..].CopyTo(lanes[(2 * Width)..]);
        var valid = Vector.LessThan(Vector<int>.Indices, new Vector<int>(tail));
        count = Run<TDc, TR0, TR1>(group + whole, 1, ref padded[0], ref padded[1], ref padded[2], in inputs, valid, spiked, count);
        if (TR0.Present) lanes.Slice(Width, tail).CopyTo(inputs.State0[offset..]);
        if (TR1.Present) lanes.Slice(2 * Width, tail).CopyTo(inputs.State1[offset..]);
        return count;
    }

    private static ref Vector<float> Groups(ReadOnlySpan<float> values) =>
        ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetReference(values));

    // Advances groups [group, group + groups): lane input = DC + receptor 0 + receptor 1, each receptor then decays. The
    // callers checked that dc, g0 and g1 hold `groups` vectors where present; absent ones are never read.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Run<TDc, TR0, TR1>(int group, int groups, ref Vector<float> dc, ref Vector<float> g0, ref Vector<float> g1,
        scoped in FusedInputs inputs, Vector<int> valid, Span<int> spiked, int count)
        where TDc : struct, IDcInput where TR0 : struct, IReceptorInput where TR1 : struct, IReceptorInput
    {
        var dynamics = default(TDynamics);
        // A local copy: the JIT loads its fields into registers once, where it would reload the kernel's field on every
        // iteration, as stores to the lanes might alias it.
        var parameters = _parameters;
        var (decay0, decay1) = (new Vector<float>(inputs.Decay0), new Vector<float>(inputs.Decay1));
        var (reversal0, reversal1) = (new Vector<float>(inputs.Reversal0), new Vector<float>(inputs.Reversal1));
        // v − v is +0 (all bits clear) for every finite v and NaN for ±∞ and NaN: OR-ing its bits over the groups flags a
        // broken lane in two instructions per group.
        var nonFinite = Vector<int>.Zero;
        ref var state = ref _lanes[group];
        var firstNeuron = group * Width;
        for (var k = 0; k < groups; k++, state = ref Unsafe.Add(ref state, 1))
        {
            var current = TDc.Present ? Unsafe.Add(ref dc, k) : Vector<float>.Zero;
            if (TR0.Present)
            {
                ref var g = ref Unsafe.Add(ref g0, k);
                current += TR0.Conductance ? g * (reversal0 - dynamics.Voltage(in state)) : g;
                g *= decay0;
            }
            if (TR1.Present)
            {
                ref var g = ref Unsafe.Add(ref g1, k);
                current += TR1.Conductance ? g * (reversal1 - dynamics.Voltage(in state)) : g;
                g *= decay1;
            }
            var spikes = dynamics.Step(ref state, in parameters, current) & valid;
            var v = dynamics.Voltage(in state);
            nonFinite |= Vector.AsVectorInt32(v - v);
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

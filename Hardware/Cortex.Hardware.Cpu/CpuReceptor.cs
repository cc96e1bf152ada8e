using System.Numerics;
using System.Runtime.InteropServices;
using Cortex.Backends.Execution;
using Cortex.Compilation;
using Cortex.Hardware.Cpu.Kernels;
using Cortex.Models;
using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// One receptor of a population on the CPU backend: per-neuron state, a ring of per-step arrival
/// sums, and for each slot the list of neurons that received something. Arrival then touches only
/// those neurons instead of streaming the whole slot through memory every step; it performs the same
/// addition g + (sum of arrivals) as the reference backend, so results stay bit-identical. Linear receptors
/// (exponential currents and conductances) keep their state here and run in SIMD passes; any other receptor
/// model runs through its own JIT-specialised group.
/// </summary>
internal sealed class CpuReceptor
{
    private readonly float[] _state;
    // Per (slot, part): the neurons of the part that received something, their count, and whether the slot went dense.
    private readonly int[][] _touched;
    private readonly int[] _touchedCount;
    private readonly bool[] _dense;
    private readonly int[] _partStart;

    private readonly IReceptorGroup? _group;

    /// <summary>A receptor of <paramref name="size"/> neurons in one part.</summary>
    public CpuReceptor(CompiledReceptor receptor, int size, double dt, int ringLength)
        : this(receptor, size, dt, ringLength, [0, size])
    {
    }

    /// <summary>
    /// A receptor whose neurons are split into target ranges [partStart[i], partStart[i + 1]) that threads deliver into
    /// and arrive concurrently, each with its own touch lists.
    /// </summary>
    public CpuReceptor(CompiledReceptor receptor, int size, double dt, int ringLength, int[] partStart)
    {
        _partStart = partStart;
        Parts = partStart.Length - 1;
        JumpsVoltage = receptor.Model.JumpsVoltage;
        if (receptor.Model.Linear(receptor.Parameters, dt) is { } linear)
        {
            Dynamics = linear;
            _state = new float[size];
            if (receptor.InitialState is [{ } initial, ..]) initial.AsSpan(0, size).CopyTo(_state);
        }
        else
        {
            _group = PopulationFactory.CreateReceptor(receptor, size, dt);
            _state = [];
        }
        TakesDirect = receptor.TakesDirect(dt);
        // The kernel's rule and this class's must agree: direct weights go into the linear state kept here.
        if (TakesDirect && _group is not null) throw new InvalidOperationException($"receptor '{receptor.Port}' takes direct deliveries but is not linear");
        Size = size;
        RingLength = ringLength;
        Ring = new float[size * ringLength];
        _touched = [.. Enumerable.Range(0, ringLength * Parts).Select(_ => new int[64])];
        _touchedCount = new int[ringLength * Parts];
        _dense = new bool[ringLength * Parts];
    }

    /// <summary>How many target ranges the neurons are split into.</summary>
    public int Parts { get; }

    /// <summary>The first neuron of part <paramref name="part"/> (<see cref="Size"/> for part <see cref="Parts"/>).</summary>
    public int PartStart(int part) => _partStart[part];

    public ReceptorDynamics Dynamics { get; }

    /// <summary>True when the receptor is linear (its state lives here and SIMD passes drive it).</summary>
    public bool IsLinear => _group is null;

    /// <summary>True for delta receptors, whose arrivals jump the membrane potential.</summary>
    public bool JumpsVoltage { get; }

    /// <summary>
    /// True when static synapses of one step add their weights straight to <see cref="DirectState"/> instead of a ring
    /// slot (<see cref="CompiledReceptor.TakesDirect"/>).
    /// </summary>
    public bool TakesDirect { get; }

    /// <summary>Every neuron's state, for the direct deliveries of <see cref="TakesDirect"/> receptors.</summary>
    public Span<float> DirectState => _state;

    /// <summary>True when the receptor contributes an input current (every kind but voltage jumps).</summary>
    public bool HasInput => !JumpsVoltage;

    /// <summary>True when the neuron's voltage is needed to compute the input.</summary>
    public bool NeedsVoltage => _group is not null || Dynamics.Kind == ReceptorKind.Conductance;

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
        _dense.AsSpan(slot * Parts, Parts).Fill(true);
        return Ring.AsSpan(slot * Size, Size);
    }

    /// <summary>The slot of <paramref name="step"/> for a writer that reports what it touched through <see cref="Touch(int, ReadOnlySpan{int})"/>.</summary>
    public Span<float> SparseSlot(long step) => Ring.AsSpan((int)(step % RingLength) * Size, Size);

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    /// <summary>Records that <paramref name="targets"/>, all in part <paramref name="part"/>, received input in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Touch(int slot, int part, ReadOnlySpan<ushort> targets)
    {
        var key = slot * Parts + part;
        if (GoesDense(key, part, targets.Length)) return;
        var list = Reserve(key, targets.Length);
        var count = _touchedCount[key];
        for (var i = 0; i < targets.Length; i++) list[count + i] = targets[i];
        _touchedCount[key] = count + targets.Length;
    }

    /// <summary>Records that <paramref name="targets"/>, all in part <paramref name="part"/>, received input in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Touch(int slot, int part, ReadOnlySpan<int> targets)
    {
        var key = slot * Parts + part;
        if (GoesDense(key, part, targets.Length)) return;
        var list = Reserve(key, targets.Length);
        targets.CopyTo(list.AsSpan(_touchedCount[key]));
        _touchedCount[key] += targets.Length;
    }

    /// <summary>Records that <paramref name="targets"/> (any neurons, e.g. a plastic projection's arrivals) received input in <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Touch(int slot, ReadOnlySpan<int> targets)
    {
        if (Parts == 1)
        {
            Touch(slot, 0, targets);
            return;
        }
        foreach (var target in targets) Touch(slot, PartOf(target), [target]);
    }

    private int PartOf(int neuron)
    {
        var part = 0;
        while (neuron >= _partStart[part + 1]) part++;
        return part;
    }

    // Once a part's slot has more entries than the part has neurons, one pass over them is cheaper than the list (and
    // arrival skips zero sums, so both visit the same neurons with the same additions): stop listing and arrive densely.
    private bool GoesDense(int key, int part, int more)
    {
        if (_dense[key]) return true;
        if (_touchedCount[key] + more <= _partStart[part + 1] - _partStart[part]) return false;
        _dense[key] = true;
        _touchedCount[key] = 0;
        return true;
    }

    private int[] Reserve(int key, int more)
    {
        var needed = _touchedCount[key] + more;
        if (needed > _touched[key].Length) Array.Resize(ref _touched[key], Math.Max(needed, 2 * _touched[key].Length));
        return _touched[key];
    }

    /// <summary>Takes the arrival sums of <paramref name="step"/> into the state (or as voltage jumps) and clears the slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Arrive(long step, INeuronKernel kernel)
    {
        for (var part = 0; part < Parts; part++) Arrive(step, part, kernel);
    }

    /// <summary>
    /// <see cref="Arrive(long, INeuronKernel)"/> for the neurons of part <paramref name="part"/> only: parts touch disjoint
    /// state, so threads may arrive different parts at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Arrive(long step, int part, INeuronKernel kernel)
    {
        var slotIndex = (int)(step % RingLength);
        var key = slotIndex * Parts + part;
        var slot = Ring.AsSpan(slotIndex * Size, Size);
        var jumps = JumpsVoltage;
        if (!jumps && _group is null)
        {
            ArriveLinear(key, part, slot);
            return;
        }
        if (_dense[key])
        {
            for (var n = _partStart[part]; n < _partStart[part + 1]; n++) Take(n, slot, jumps, kernel);
            _dense[key] = false;
        }
        else
        {
            // A neuron may be listed more than once; after its first visit its sum is zero and adds nothing.
            foreach (var n in _touched[key].AsSpan(0, _touchedCount[key])) Take(n, slot, jumps, kernel);
        }
        _touchedCount[key] = 0;
    }

    // The common case (an exponential current or conductance) in one tight loop: the same g += sum as Take, without
    // its per-neuron dispatch, which profiling showed as an eighth of a 256k-neuron CUBA step.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ArriveLinear(int key, int part, Span<float> slot)
    {
        var state = _state.AsSpan(0, slot.Length);
        if (_dense[key])
        {
            for (var n = _partStart[part]; n < _partStart[part + 1]; n++)
            {
                var arrived = slot[n];
                if (arrived == 0) continue;
                state[n] += arrived;
                slot[n] = 0;
            }
            _dense[key] = false;
        }
        else
        {
            // A neuron may be listed more than once; after its first visit its sum is zero and adds nothing.
            foreach (var n in _touched[key].AsSpan(0, _touchedCount[key]))
            {
                var arrived = slot[n];
                if (arrived == 0) continue;
                state[n] += arrived;
                slot[n] = 0;
            }
        }
        _touchedCount[key] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Take(int n, Span<float> slot, bool jumps, INeuronKernel kernel)
    {
        var arrived = slot[n];
        if (arrived == 0) return;
        if (jumps) kernel.AddVoltage(n, arrived);
        else if (_group is null) _state[n] += arrived;
        else _group.Receive(n, arrived);
        slot[n] = 0;
    }

    /// <summary>The per-neuron state of neurons <paramref name="start"/> .. start + length − 1, for fused kernels.</summary>
    public Span<float> State(int start, int length) => _state.AsSpan(start, length);

    /// <summary>Reads state variable <paramref name="variable"/> of a neuron's receptor.</summary>
    public float Get(int variable, int neuron) => _group?.Get(variable, neuron) ?? _state[neuron];

    /// <summary>Writes state variable <paramref name="variable"/> of a neuron's receptor.</summary>
    public void Set(int variable, int neuron, float value)
    {
        if (_group is null) _state[neuron] = value;
        else _group.Set(variable, neuron, value);
    }

    /// <summary>
    /// Adds the receptor's input to <paramref name="currents"/> and advances its state one step; when
    /// <paramref name="ports"/> is not empty, also stores each neuron's input there (every <paramref name="stride"/>-th entry).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Drive(Span<float> currents, ReadOnlySpan<float> voltages, int start, Span<PortInput> ports, int stride)
    {
        if (_group is not null)
        {
            _group.Drive(start, voltages, currents, ports, stride);
            return;
        }
        if (ports.IsEmpty)
        {
            AddCurrentAndDecay(currents, voltages, start);
            return;
        }
        var state = _state.AsSpan(start, currents.Length);
        var dynamics = default(LinearReceptor);
        for (var i = 0; i < state.Length; i++)
        {
            var input = dynamics.Input(in state[i], Dynamics, NeedsVoltage ? voltages[i] : 0);
            currents[i] += input.Current;
            ports[i * stride] = input;
            dynamics.Advance(ref state[i], Dynamics);
        }
    }

    /// <summary>Writes state and ring for a snapshot.</summary>
    public void Save(BinaryWriter writer)
    {
        if (_group is null) writer.WriteArray<float>(_state);
        else _group.Save(writer);
        writer.WriteArray<float>(Ring);
    }

    /// <summary>Reads back what <see cref="Save"/> wrote; every slot is then scanned in full once, since touch lists are not kept.</summary>
    public void Load(BinaryReader reader)
    {
        if (_group is null) reader.ReadArray<float>(_state);
        else _group.Load(reader);
        reader.ReadArray<float>(Ring);
        Array.Fill(_dense, true);
        Array.Clear(_touchedCount);
    }

    // I += g (or g·(E − v)); g *= decay — the reference's order, lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCurrentAndDecay(Span<float> currents, ReadOnlySpan<float> voltages, int start)
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

using Cortex.Compilation;

using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// A static projection's synapses in as few bytes as the projection allows: 16-bit targets when the
/// target population has at most 65,536 neurons, one shared weight or delay when all synapses agree,
/// 8-bit delays when they fit, and 16-bit grid indices for weights the compiler rounded onto a <see cref="WeightGrid"/>
/// (weight_precision "16bit": 2 + 2 + 1 = 5 bytes per synapse). The order of synapses is the compiled table's, so deliveries add up in
/// the reference backend's order.
/// </summary>
internal sealed class CompactSynapses
{
    private readonly int[] _rowStart;
    private readonly ushort[]? _narrowTargets;
    private readonly int[]? _wideTargets;
    private readonly float[]? _weights;
    private readonly float _sharedWeight;
    private readonly ushort[]? _gridWeights;
    private readonly WeightGrid? _grid;
    private readonly byte[]? _delays;
    private readonly int _sharedDelay;

    public CompactSynapses(SynapseTable table, int targetSize, WeightGrid? grid = null)
    {
        _rowStart = table.RowStart;
        if (targetSize <= ushort.MaxValue + 1) _narrowTargets = [.. table.Targets.Select(t => (ushort)t)];
        else _wideTargets = table.Targets;
        if (table.Count > 0 && table.Weights.All(w => w.Equals(table.Weights[0]))) _sharedWeight = table.Weights[0];
        else if (grid is not null)
        {
            _grid = grid;
            _gridWeights = new ushort[table.Count];
            for (var i = 0; i < _gridWeights.Length; i++)
            {
                _gridWeights[i] = grid.IndexOf(table.Weights[i]);
                // The compiler put every weight on the grid; a weight off it would break reference = cpu, so refuse loudly.
                if (!grid.Value(_gridWeights[i]).Equals(table.Weights[i]))
                    throw new InvalidOperationException($"weight {table.Weights[i]} at synapse {i} is not on its projection's 16-bit grid");
            }
        }
        else _weights = table.Weights;
        if (table.Count == 0 || table.DelaySteps.All(d => d == table.DelaySteps[0])) _sharedDelay = table.Count == 0 ? 1 : table.DelaySteps[0];
        else if (table.DelaySteps.All(d => d <= byte.MaxValue)) _delays = [.. table.DelaySteps.Select(d => (byte)d)];
        else WideDelays = table.DelaySteps;
        RunsSortedByTarget = SortedByTarget(table);
    }

    private static bool SortedByTarget(SynapseTable table)
    {
        for (var source = 0; source + 1 < table.RowStart.Length; source++)
            for (var i = table.RowStart[source] + 1; i < table.RowStart[source + 1]; i++)
                if (table.DelaySteps[i] == table.DelaySteps[i - 1] && table.Targets[i] < table.Targets[i - 1]) return false;
        return true;
    }

    private ushort[]? WideDelays { get; }

    /// <summary>
    /// True when every equal-delay run of every row is sorted by target (compiled tables are), which delivery by target
    /// part relies on; a session splits a projection's target into parts only then.
    /// </summary>
    public bool RunsSortedByTarget { get; }

    // JIT-compiles the delivery loop for 16- and 32-bit targets when the first table is built (while the network is
    // opened): generic math over the target type keeps it out of the ReadyToRun image, and the first spike would
    // otherwise wait for the JIT inside the simulation loop.
    static CompactSynapses()
    {
        var add = typeof(CompactSynapses).GetMethod(nameof(Add), BindingFlags.Instance | BindingFlags.NonPublic)!.MethodHandle;
        RuntimeHelpers.PrepareMethod(add, [typeof(ushort).TypeHandle]);
        RuntimeHelpers.PrepareMethod(add, [typeof(int).TypeHandle]);
    }

    /// <summary>Bytes held per synapse and per source row, for the memory report.</summary>
    public long Bytes =>
        _rowStart.LongLength * sizeof(int)
        + (_narrowTargets?.LongLength ?? 0) * sizeof(ushort) + (_wideTargets?.LongLength ?? 0) * sizeof(int)
        + (_weights?.LongLength ?? 0) * sizeof(float) + (_gridWeights?.LongLength ?? 0) * sizeof(ushort)
        + (_delays?.LongLength ?? 0) + (WideDelays?.LongLength ?? 0) * sizeof(ushort);

    // Per-step code: [AggressiveOptimization] compiles it fully optimised at its first call, where tiered compilation
    // (on in the host, for start-up) would start it unoptimised and recompile it during the first simulated second.
    /// <summary>Adds the weights of source <paramref name="source"/>'s synapses into the slots of <paramref name="receptor"/> their delays select.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Deliver(int source, long step, CpuReceptor receptor)
    {
        for (var part = 0; part < receptor.Parts; part++) Deliver(source, step, receptor, part);
    }

    /// <summary>
    /// <see cref="Deliver(int, long, CpuReceptor)"/> for the synapses onto part <paramref name="part"/> of the receptor's
    /// neurons only. Threads that deliver different parts write disjoint neurons, and each neuron still receives its
    /// synapses in the table's order, so the sums are those of a serial delivery.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Deliver(int source, long step, CpuReceptor receptor, int part)
    {
        var start = _rowStart[source];
        var end = _rowStart[source + 1];
        var whole = receptor.Parts == 1;
        var (low, high) = (receptor.PartStart(part), receptor.PartStart(part + 1));
        // Rows are sorted by delay, then target, so synapses of equal delay form runs that share one slot, and the
        // synapses of a run onto one part are a contiguous stretch of it.
        while (start < end)
        {
            var delay = DelayOf(start);
            var runEnd = start + 1;
            if (_delays is not null || WideDelays is not null)
                while (runEnd < end && DelayOf(runEnd) == delay) runEnd++;
            else runEnd = end;
            // One-step synapses onto a linear receptor add straight to its state (the receptor has already advanced this
            // step), so nothing is listed for the next step's arrival.
            var direct = delay == CompiledReceptor.DirectDelaySteps && receptor.TakesDirect;
            var slotIndex = direct ? -1 : (int)((step + delay) % receptor.RingLength);
            var slot = direct ? receptor.DirectState : receptor.Ring.AsSpan(slotIndex * receptor.Size, receptor.Size);
            if (_narrowTargets is not null)
            {
                var (first, last) = whole ? (start, runEnd) : Stretch<ushort>(_narrowTargets, start, runEnd, low, high);
                var targets = _narrowTargets.AsSpan(first, last - first);
                Add(targets, slot, first);
                if (!direct) receptor.Touch(slotIndex, part, targets);
            }
            else
            {
                var (first, last) = whole ? (start, runEnd) : Stretch<int>(_wideTargets!, start, runEnd, low, high);
                var targets = _wideTargets.AsSpan(first, last - first);
                Add(targets, slot, first);
                if (!direct) receptor.Touch(slotIndex, part, targets);
            }
            start = runEnd;
        }
    }

    // The synapses [first, last) of the target-sorted run [start, end) whose targets lie in [low, high).
    private static (int First, int Last) Stretch<TTarget>(TTarget[] targets, int start, int end, int low, int high)
        where TTarget : struct, IBinaryInteger<TTarget> =>
        (LowerBound(targets, start, end, low), LowerBound(targets, start, end, high));

    private static int LowerBound<TTarget>(TTarget[] targets, int start, int end, int value) where TTarget : struct, IBinaryInteger<TTarget>
    {
        while (start < end)
        {
            var middle = (start + end) >>> 1;
            if (int.CreateTruncating(targets[middle]) < value) start = middle + 1;
            else end = middle;
        }
        return start;
    }

    private int DelayOf(int synapse) => _delays is not null ? _delays[synapse] : WideDelays is not null ? WideDelays[synapse] : _sharedDelay;

    // The JIT specialises this for 16- and 32-bit targets; a shared weight avoids reading a weight array.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add<TTarget>(ReadOnlySpan<TTarget> targets, Span<float> slot, int first) where TTarget : struct, IBinaryInteger<TTarget>
    {
        if (_gridWeights is not null)
        {
            var grid = _grid!;
            var indices = _gridWeights.AsSpan(first, targets.Length);
            for (var i = 0; i < targets.Length; i++) slot[int.CreateTruncating(targets[i])] += grid.Value(indices[i]);
        }
        else if (_weights is null)
        {
            var weight = _sharedWeight;
            foreach (var target in targets) slot[int.CreateTruncating(target)] += weight;
        }
        else
        {
            var weights = _weights.AsSpan(first, targets.Length);
            for (var i = 0; i < targets.Length; i++) slot[int.CreateTruncating(targets[i])] += weights[i];
        }
    }
}

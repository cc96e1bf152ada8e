using Cortex.Compilation;

namespace Cortex.Hardware.Cpu;

/// <summary>
/// A static projection's synapses in as few bytes as the projection allows: 16-bit targets when the
/// target population has at most 65,536 neurons, one shared weight or delay when all synapses agree,
/// 8-bit delays when they fit. The order of synapses is the compiled table's, so deliveries add up in
/// the reference backend's order.
/// </summary>
internal sealed class CompactSynapses
{
    private readonly int[] _rowStart;
    private readonly ushort[]? _narrowTargets;
    private readonly int[]? _wideTargets;
    private readonly float[]? _weights;
    private readonly float _sharedWeight;
    private readonly byte[]? _delays;
    private readonly int _sharedDelay;

    public CompactSynapses(SynapseTable table, int targetSize)
    {
        _rowStart = table.RowStart;
        if (targetSize <= ushort.MaxValue + 1) _narrowTargets = [.. table.Targets.Select(t => (ushort)t)];
        else _wideTargets = table.Targets;
        if (table.Count > 0 && table.Weights.All(w => w.Equals(table.Weights[0]))) _sharedWeight = table.Weights[0];
        else _weights = table.Weights;
        if (table.Count == 0 || table.DelaySteps.All(d => d == table.DelaySteps[0])) _sharedDelay = table.Count == 0 ? 1 : table.DelaySteps[0];
        else if (table.DelaySteps.All(d => d <= byte.MaxValue)) _delays = [.. table.DelaySteps.Select(d => (byte)d)];
        else WideDelays = table.DelaySteps;
    }

    private ushort[]? WideDelays { get; }

    /// <summary>Bytes held per synapse and per source row, for the memory report.</summary>
    public long Bytes =>
        _rowStart.LongLength * sizeof(int)
        + (_narrowTargets?.LongLength ?? 0) * sizeof(ushort) + (_wideTargets?.LongLength ?? 0) * sizeof(int)
        + (_weights?.LongLength ?? 0) * sizeof(float)
        + (_delays?.LongLength ?? 0) + (WideDelays?.LongLength ?? 0) * sizeof(ushort);

    /// <summary>Adds the weights of source <paramref name="source"/>'s synapses into the slots of <paramref name="receptor"/> their delays select.</summary>
    public void Deliver(int source, long step, CpuReceptor receptor)
    {
        var start = _rowStart[source];
        var end = _rowStart[source + 1];
        if (start == end) return;
        var ring = receptor.Ring;
        var ringLength = receptor.RingLength;
        var size = receptor.Size;
        if (_weights is null && _delays is null && WideDelays is null && _narrowTargets is not null)
        {
            // The common case (e.g. CUBA): shared weight and delay, 16-bit targets.
            var slotIndex = (int)((step + _sharedDelay) % ringLength);
            var slot = ring.AsSpan(slotIndex * size, size);
            var weight = _sharedWeight;
            var targets = _narrowTargets.AsSpan(start, end - start);
            foreach (var target in targets) slot[target] += weight;
            receptor.Touch(slotIndex, targets);
            return;
        }
        for (var s = start; s < end; s++)
        {
            var delay = _delays is not null ? _delays[s] : WideDelays is not null ? WideDelays[s] : _sharedDelay;
            var target = _narrowTargets is not null ? _narrowTargets[s] : _wideTargets![s];
            var slotIndex = (int)((step + delay) % ringLength);
            ring[slotIndex * size + target] += _weights is null ? _sharedWeight : _weights[s];
            receptor.Touch(slotIndex, target);
        }
    }
}

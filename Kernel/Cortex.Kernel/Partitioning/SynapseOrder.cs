using Cortex.Compilation;

namespace Cortex.Partitioning;

/// <summary>
/// Where the synapses of one projection, compiled on each rank (<see cref="NetworkCompiler"/> with a
/// <see cref="RankSelection"/>), sit in the table a single process compiles. A one-process row is sorted by (delay,
/// target), ties in draw order; a rank's row is the subsequence of that row whose targets the rank holds (targets as
/// local indices), in the same order. Distinct ranks hold distinct targets, so merging the ranks' rows by (delay, global
/// target) gives the one-process row exactly, and the position of every rank's synapse in it.
/// </summary>
public sealed class SynapseOrder
{
    private readonly int[][] _positions;

    private SynapseOrder(int[] rowStart, int[] targets, ushort[] delays, int[][] positions)
    {
        RowStart = rowStart;
        Targets = targets;
        DelaySteps = delays;
        _positions = positions;
    }

    /// <summary>Row offsets of the whole projection (sources + 1).</summary>
    public int[] RowStart { get; }

    /// <summary>Global target per synapse, one-process order.</summary>
    public int[] Targets { get; }

    /// <summary>Delay (steps) per synapse, one-process order.</summary>
    public ushort[] DelaySteps { get; }

    /// <summary>Synapses of the whole projection.</summary>
    public int Count => Targets.Length;

    /// <summary>Ranks merged.</summary>
    public int Ranks => _positions.Length;

    /// <summary>
    /// Merges the rank tables <paramref name="parts"/> (index = rank; targets local, as compiled for that rank) of one
    /// projection; only their row starts, targets and delays are read.
    /// </summary>
    /// <exception cref="ArgumentException">The parts disagree in their number of rows.</exception>
    public static SynapseOrder Merge(IReadOnlyList<SynapseTable> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        var ranks = parts.Count;
        var sources = parts[0].Sources;
        if (parts.Any(p => p.Sources != sources)) throw new ArgumentException("the rank tables of a projection must have the same rows (one per global source)", nameof(parts));
        var total = parts.Sum(p => (long)p.Count);
        if (total > int.MaxValue) throw new InvalidOperationException($"a projection has more than {int.MaxValue} synapses; split it");
        var rowStart = new int[sources + 1];
        var targets = new int[total];
        var delays = new ushort[total];
        var positions = parts.Select(p => new int[p.Count]).ToArray();
        var cursor = new int[ranks];
        var at = 0;
        for (var row = 0; row < sources; row++)
        {
            for (var r = 0; r < ranks; r++) cursor[r] = parts[r].RowStart[row];
            while (true)
            {
                // The rank whose next synapse comes first in (delay, global target) order; R is small, so a scan.
                var best = -1;
                var bestDelay = 0;
                var bestTarget = 0;
                for (var r = 0; r < ranks; r++)
                {
                    var k = cursor[r];
                    if (k >= parts[r].RowStart[row + 1]) continue;
                    var delay = (int)parts[r].DelaySteps[k];
                    var target = parts[r].Targets[k] * ranks + r;
                    if (best < 0 || delay < bestDelay || (delay == bestDelay && target < bestTarget)) (best, bestDelay, bestTarget) = (r, delay, target);
                }
                if (best < 0) break;
                positions[best][cursor[best]] = at;
                targets[at] = bestTarget;
                delays[at] = (ushort)bestDelay;
                cursor[best]++;
                at++;
            }
            rowStart[row + 1] = at;
        }
        return new SynapseOrder(rowStart, targets, delays, positions);
    }

    /// <summary>The one-process positions of rank <paramref name="rank"/>'s synapses, in its table's order.</summary>
    public ReadOnlySpan<int> Positions(int rank) => _positions[rank];

    /// <summary>The whole projection's values in one-process order from each rank's values in its table's order.</summary>
    public float[] Join(IReadOnlyList<float[]> perRank)
    {
        ArgumentNullException.ThrowIfNull(perRank);
        var whole = new float[Count];
        for (var r = 0; r < _positions.Length; r++)
        {
            var positions = _positions[r];
            if (perRank[r].Length != positions.Length) throw new ArgumentException($"rank {r} has {positions.Length} synapses, got {perRank[r].Length} values", nameof(perRank));
            for (var k = 0; k < positions.Length; k++) whole[positions[k]] = perRank[r][k];
        }
        return whole;
    }

    /// <summary>Rank <paramref name="rank"/>'s part of the whole projection's values <paramref name="whole"/> (one-process order), in its table's order.</summary>
    public float[] Slice(int rank, ReadOnlySpan<float> whole)
    {
        if (whole.Length != Count) throw new ArgumentException($"the projection has {Count} synapses, got {whole.Length} values", nameof(whole));
        var positions = _positions[rank];
        var part = new float[positions.Length];
        for (var k = 0; k < part.Length; k++) part[k] = whole[positions[k]];
        return part;
    }
}

using Cortex.Randomness;
using Cortex.Spec;

namespace Cortex.Compilation;

/// <summary>
/// The <c>blocks</c> connector: each source row draws, entry by entry, the targets of every block its block connects
/// to, by geometric skipping (O(synapses), not O(targets)), from the row's own stream, so the table is the same for
/// any thread count. Entries are visited by delay then target block, so rows come out already in the table's
/// delay-major order and skip the sort. Rows are drawn twice (count, then fill), trading draw time for memory.
/// </summary>
internal sealed partial class ConnectivityBuilder
{
    private readonly record struct BlockTarget(int Start, int Size, double P, double LogQ, ushort? Delay);

    private SynapseTable BuildFromBlocks(ProjectionSpec spec, bool samePopulation, BlockConnector c)
    {
        var sources = new BlockLayout(c.SourceBlocks);
        var targets = new BlockLayout(c.TargetBlocks);
        ushort? sharedDelay = spec.Delay is ConstantValue constant ? ToSteps(constant.Value.Value) : null;
        var bySource = new List<BlockTarget>[sources.Count];
        for (var b = 0; b < bySource.Length; b++) bySource[b] = [];
        foreach (var entry in c.Entries.Where(e => e.P > 0))
        {
            var delay = entry.DelayMs is { } ms ? ToSteps(ms) : sharedDelay;
            bySource[entry.Source].Add(new BlockTarget(targets.Start(entry.Target), targets.Size(entry.Target), entry.P,
                entry.P < 1 ? Math.Log(1 - entry.P) : 0, delay));
        }
        var plans = bySource.Select(list => list.OrderBy(t => t.Delay ?? 0).ThenBy(t => t.Start).ToArray()).ToArray();

        // Two passes over the same per-row streams: the first counts each row, the second writes straight into the final
        // arrays. No per-row arrays are held, which halves the peak memory of a 2·10⁸-synapse build.
        var rowStart = new int[sources.Total + 1];
        var counts = new int[sources.Total];
        ForEachBlock(sources, block => DrawRows(block, sources, plans[block], spec, samePopulation, c.AllowAutapses, counts, null));
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            total += counts[i];
            if (total > int.MaxValue) throw new InvalidOperationException($"a projection has more than {int.MaxValue} synapses; split it");
            rowStart[i + 1] = (int)total;
        }
        var table = new SynapseTable(rowStart, new int[total], new float[total], new ushort[total]);
        ForEachBlock(sources, block => DrawRows(block, sources, plans[block], spec, samePopulation, c.AllowAutapses, counts, table));
        return table;
    }

    private void ForEachBlock(BlockLayout sources, Action<int> draw) =>
        Parallel.For(0, sources.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, draw);

    // Draws the rows of one source block: counts them when 'table' is null, else fills their slots (already sized by the counts).
    private void DrawRows(int block, BlockLayout sources, BlockTarget[] plan, ProjectionSpec spec, bool samePopulation, bool autapses, int[] counts, SynapseTable? table)
    {
        var found = new List<int>();
        for (var source = sources.Start(block); source < sources.Start(block) + sources.Size(block); source++)
        {
            var random = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, source);
            var at = table?.RowStart[source] ?? 0;
            var count = 0;
            foreach (var target in plan)
            {
                found.Clear();
                DrawBlock(target, ref random, found);
                foreach (var t in found)
                {
                    if (samePopulation && !autapses && t == source) continue;
                    // Weights and delays are drawn in both passes so that both consume the stream identically.
                    var weight = Weight(spec, ref random);
                    var delay = target.Delay ?? Delay(spec.Delay, ref random);
                    if (partition is not null && !partition.Owns(t)) continue;
                    if (table is not null)
                    {
                        table.Targets[at + count] = LocalTarget(t);
                        table.Weights[at + count] = weight;
                        table.DelaySteps[at + count] = delay;
                    }
                    count++;
                }
            }
            if (table is null) counts[source] = count;
            else SortRow(table, at, count);
        }
    }

    // Rows come out in delay-major order unless delays are drawn per synapse; only those rows are sorted (delay, then target).
    private static void SortRow(SynapseTable table, int at, int count)
    {
        var delays = table.DelaySteps.AsSpan(at, count);
        var targets = table.Targets.AsSpan(at, count);
        var sorted = true;
        for (var k = 1; k < count && sorted; k++)
            sorted = delays[k] > delays[k - 1] || (delays[k] == delays[k - 1] && targets[k] >= targets[k - 1]);
        if (sorted) return;
        var (t, w, d) = (targets.ToArray(), table.Weights.AsSpan(at, count).ToArray(), delays.ToArray());
        var order = Enumerable.Range(0, count).OrderBy(k => d[k]).ThenBy(k => t[k]).ToArray();
        for (var k = 0; k < count; k++)
        {
            table.Targets[at + k] = t[order[k]];
            table.Weights[at + k] = w[order[k]];
            table.DelaySteps[at + k] = d[order[k]];
        }
    }

    private static void DrawBlock(BlockTarget target, ref SeededRandom random, List<int> into)
    {
        if (target.P >= 1)
        {
            for (var t = 0; t < target.Size; t++) into.Add(target.Start + t);
            return;
        }
        for (var t = random.NextGeometric(target.P, target.LogQ); t < target.Size; t += 1 + random.NextGeometric(target.P, target.LogQ))
            into.Add(target.Start + (int)t);
    }
}

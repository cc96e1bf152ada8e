using Cortex.Randomness;
using Cortex.Spec;

namespace Cortex.Compilation;

/// <summary>
/// The <c>blocks</c> connector: each source row draws, entry by entry, the targets of every block its block connects
/// to, by geometric skipping (O(synapses), not O(targets)), from the row's own stream, so the table is the same for
/// any thread count. Entries are visited by delay then target block, so rows come out already in the table's
/// delay-major order and skip the sort.
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

        var rows = new Synapse[sources.Total][];
        Parallel.For(0, sources.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
        {
            var plan = plans[block];
            // One scratch list per block, reused by its rows: only the exact-size row arrays stay (10⁶ rows on the 998-region model).
            var found = new List<int>();
            var row = new List<Synapse>();
            for (var source = sources.Start(block); source < sources.Start(block) + sources.Size(block); source++)
            {
                var random = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, source);
                row.Clear();
                foreach (var target in plan)
                {
                    found.Clear();
                    DrawBlock(target, ref random, found);
                    foreach (var t in found)
                    {
                        if (samePopulation && !c.AllowAutapses && t == source) continue;
                        row.Add(new Synapse(t, Weight(spec, ref random), target.Delay ?? Delay(spec.Delay, ref random)));
                    }
                }
                rows[source] = [.. row];
            }
        });
        return ToTable(rows);
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

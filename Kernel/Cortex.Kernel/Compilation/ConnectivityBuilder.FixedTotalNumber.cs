using Cortex.Randomness;
using Cortex.Spec;

namespace Cortex.Compilation;

internal sealed partial class ConnectivityBuilder
{
    /// <summary>
    /// NEST's <c>fixed_total_number</c> with multapses: N (source, target) pairs drawn uniformly with replacement. The row
    /// of each synapse comes from one stream (N uniform draws of a source — the multinomial over equally likely rows),
    /// then every row draws its targets, weights and delays from its own stream, in parallel. Both steps are independent
    /// of the thread count. The draw writes straight into the final CSR arrays (10 bytes per synapse, plus one row-sized
    /// scratch per thread), so a 0.3-billion-synapse network never holds a second copy.
    /// </summary>
    private SynapseTable BuildFixedTotalNumber(ProjectionSpec spec, int sourceSize, int targetSize, bool samePopulation, FixedTotalNumberConnector c)
    {
        var total = checked((int)c.N);
        var rowStart = new int[sourceSize + 1];
        if (total > 0)
        {
            var rows = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, -1);
            for (var n = 0; n < total; n++) rowStart[1 + rows.NextInt(sourceSize)]++;
        }
        for (var s = 0; s < sourceSize; s++) rowStart[s + 1] += rowStart[s];
        // On one rank of several, rows are kept (owned targets only) and joined at the end: the row lengths are known only after the draw.
        var localRows = partition is null ? null : new Synapse[sourceSize][];
        var targets = new int[partition is null ? total : 0];
        var weights = new float[partition is null ? total : 0];
        var delays = new ushort[partition is null ? total : 0];
        Parallel.For(0, sourceSize, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new RowScratch(), (source, _, scratch) =>
        {
            var start = rowStart[source];
            var count = rowStart[source + 1] - start;
            if (count == 0)
            {
                if (localRows is not null) localRows[source] = [];
                return scratch;
            }
            var random = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, source);
            var excluded = !c.AllowAutapses && samePopulation ? source : -1;
            var available = excluded >= 0 ? targetSize - 1 : targetSize;
            scratch.Reserve(count);
            var keys = scratch.Keys.AsSpan(0, count);
            var drawn = scratch.Weights.AsSpan(0, count);
            for (var k = 0; k < count; k++)
            {
                var target = Skip(random.NextInt(available), excluded);
                drawn[k] = Weight(spec, ref random);
                keys[k] = ((long)Delay(spec.Delay, ref random) << 32) | (uint)target;
            }
            // Delay-major, then target order, as every other connector leaves its rows.
            keys.Sort(drawn);
            if (localRows is not null)
            {
                localRows[source] = KeepLocal(keys, drawn);
                return scratch;
            }
            for (var k = 0; k < count; k++)
            {
                targets[start + k] = (int)(keys[k] & uint.MaxValue);
                delays[start + k] = (ushort)(keys[k] >> 32);
                weights[start + k] = drawn[k];
            }
            return scratch;
        }, _ => { });
        return localRows is not null ? ToTable(localRows) : new SynapseTable(rowStart, targets, weights, delays);
    }

    // The synapses of a sorted (delay, target) row whose targets this rank holds, with local targets.
    private Synapse[] KeepLocal(ReadOnlySpan<long> keys, ReadOnlySpan<float> weights)
    {
        var kept = new List<Synapse>(keys.Length / partition!.Ranks + 1);
        for (var k = 0; k < keys.Length; k++)
        {
            var target = (int)(keys[k] & uint.MaxValue);
            if (partition.Owns(target)) kept.Add(new Synapse(partition.ToLocal(target), weights[k], (ushort)(keys[k] >> 32)));
        }
        return [.. kept];
    }

    /// <summary>One thread's reusable buffers for sorting a row by (delay, target).</summary>
    private sealed class RowScratch
    {
        public long[] Keys { get; private set; } = new long[256];

        public float[] Weights { get; private set; } = new float[256];

        public void Reserve(int count)
        {
            if (count <= Keys.Length) return;
            var size = Math.Max(count, 2 * Keys.Length);
            Keys = new long[size];
            Weights = new float[size];
        }
    }
}

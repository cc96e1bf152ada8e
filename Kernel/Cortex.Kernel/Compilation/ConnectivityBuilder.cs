using Cortex.Partitioning;
using Cortex.Randomness;
using Cortex.Spec;

namespace Cortex.Compilation;

/// <summary>
/// Draws the synapses of one projection into a <see cref="SynapseTable"/>. Each source row (or target
/// column, for fixed in-degree) has its own random stream, so rows can be drawn in parallel and the
/// result never depends on the thread count. With a <see cref="NeuronPartition"/> only the synapses whose targets this
/// rank holds are kept (targets as local indices, rows still by global source), drawn from the same streams, so the
/// union over ranks is the one-process network whatever the rank count.
/// </summary>
internal sealed partial class ConnectivityBuilder(ulong seed, int projectionIndex, double dt, int threads, NeuronPartition? partition = null)
{
    private readonly record struct Synapse(int Target, float Weight, ushort Delay);

    public SynapseTable Build(ProjectionSpec spec, int sourceSize, int targetSize, bool samePopulation)
    {
        try
        {
            return spec.Connector switch
            {
                FixedInDegreeConnector c => BuildFromColumns(spec, sourceSize, targetSize, samePopulation, c),
                ExplicitConnector c => BuildExplicit(spec, sourceSize, c),
                FixedTotalNumberConnector c => BuildFixedTotalNumber(spec, sourceSize, targetSize, samePopulation, c),
                BlockConnector c => BuildFromBlocks(spec, samePopulation, c),
                _ => BuildFromRows(spec, sourceSize, targetSize, samePopulation),
            };
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault() is SpecValidationException invalid)
        {
            // A drawn value the spec allowed but the engine cannot hold (a delay past 16 bits) is the spec's fault: bad input.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(invalid);
            throw;
        }
    }

    private SynapseTable BuildFromRows(ProjectionSpec spec, int sourceSize, int targetSize, bool samePopulation)
    {
        var rows = new Synapse[sourceSize][];
        Parallel.For(0, sourceSize, new ParallelOptions { MaxDegreeOfParallelism = threads }, source =>
        {
            var random = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, source);
            var targets = ChooseTargets(spec.Connector, source, targetSize, samePopulation, ref random);
            var row = new Synapse[targets.Count];
            for (var k = 0; k < row.Length; k++) row[k] = new Synapse(targets[k], Weight(spec, ref random), Delay(spec.Delay, ref random));
            rows[source] = KeepLocal(row);
        });
        return ToTable(rows);
    }

    private static List<int> ChooseTargets(ConnectorSpec connector, int source, int targetSize, bool samePopulation, ref SeededRandom random)
    {
        var targets = new List<int>();
        switch (connector)
        {
            case AllToAllConnector c:
                for (var t = 0; t < targetSize; t++)
                    if (c.AllowAutapses || !samePopulation || t != source) targets.Add(t);
                break;
            case OneToOneConnector:
                targets.Add(source);
                break;
            case FixedProbabilityConnector c when c.P > 0:
                // Geometric skipping: O(synapses) instead of one Bernoulli draw per pair.
                if (c.P >= 1)
                {
                    for (var t = 0; t < targetSize; t++) targets.Add(t);
                }
                else
                {
                    var logQ = Math.Log(1 - c.P);
                    for (var t = random.NextGeometric(c.P, logQ); t < targetSize; t += 1 + random.NextGeometric(c.P, logQ))
                        targets.Add((int)t);
                }
                if (!c.AllowAutapses && samePopulation) targets.Remove(source);
                break;
            case FixedOutDegreeConnector c:
                targets.AddRange(Choose(c.K, targetSize, c.AllowMultapses, c.AllowAutapses || !samePopulation ? -1 : source, ref random));
                targets.Sort();
                break;
        }
        return targets;
    }

    private SynapseTable BuildFromColumns(ProjectionSpec spec, int sourceSize, int targetSize, bool samePopulation, FixedInDegreeConnector c)
    {
        var columns = new (int Source, Synapse Synapse)[targetSize][];
        Parallel.For(0, targetSize, new ParallelOptions { MaxDegreeOfParallelism = threads }, target =>
        {
            // A column is one target's own stream: columns of other ranks' targets are not drawn at all.
            if (partition is not null && !partition.Owns(target))
            {
                columns[target] = [];
                return;
            }
            var random = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, target);
            var sources = Choose(c.K, sourceSize, c.AllowMultapses, c.AllowAutapses || !samePopulation ? -1 : target, ref random);
            sources.Sort();
            var column = new (int, Synapse)[sources.Count];
            for (var k = 0; k < column.Length; k++) column[k] = (sources[k], new Synapse(LocalTarget(target), Weight(spec, ref random), Delay(spec.Delay, ref random)));
            columns[target] = column;
        });
        var rows = new List<Synapse>[sourceSize];
        for (var s = 0; s < sourceSize; s++) rows[s] = [];
        foreach (var column in columns)
            foreach (var (source, synapse) in column) rows[source].Add(synapse);
        return ToTable([.. rows.Select(r => r.ToArray())]);
    }

    private SynapseTable BuildExplicit(ProjectionSpec spec, int sourceSize, ExplicitConnector c)
    {
        var random = SeededRandom.Create(seed, StreamDomain.Connectivity, projectionIndex, -1);
        var rows = new List<Synapse>[sourceSize];
        for (var s = 0; s < sourceSize; s++) rows[s] = [];
        foreach (var connection in c.Connections)
        {
            var weight = connection.Weight is { } w ? (float)w.Value : Weight(spec, ref random);
            var delay = connection.Delay is { } d ? ToSteps(d.Value) : Delay(spec.Delay, ref random);
            if (partition is null || partition.Owns(connection.Target)) rows[connection.Source].Add(new Synapse(LocalTarget(connection.Target), weight, delay));
        }
        return ToTable([.. rows.Select(r => r.ToArray())]);
    }

    // The target's index in this rank's part of the target population (its global index without a partition).
    private int LocalTarget(int target) => partition is null ? target : partition.ToLocal(target);

    // The synapses of a drawn row that this rank keeps, with local targets; the row itself without a partition.
    private Synapse[] KeepLocal(Synapse[] row)
    {
        if (partition is null) return row;
        var kept = new List<Synapse>(row.Length / partition.Ranks + 1);
        foreach (var synapse in row)
            if (partition.Owns(synapse.Target)) kept.Add(synapse with { Target = partition.ToLocal(synapse.Target) });
        return [.. kept];
    }

    // k draws from [0, n), skipping 'excluded'; distinct when multapses are not allowed (Floyd's algorithm).
    private static List<int> Choose(int k, int n, bool multapses, int excluded, ref SeededRandom random)
    {
        var available = excluded >= 0 ? n - 1 : n;
        var chosen = new List<int>(k);
        if (k == 0 || available <= 0) return chosen;
        if (multapses)
        {
            for (var i = 0; i < k; i++) chosen.Add(Skip(random.NextInt(available), excluded));
            return chosen;
        }
        var set = new HashSet<int>();
        for (var j = available - k; j < available; j++)
        {
            var t = random.NextInt(j + 1);
            if (!set.Add(t)) set.Add(j);
        }
        chosen.AddRange(set.Select(x => Skip(x, excluded)));
        return chosen;
    }

    // Maps [0, n-1) onto [0, n) \ {excluded}.
    private static int Skip(int index, int excluded) => excluded >= 0 && index >= excluded ? index + 1 : index;

    private static float Weight(ProjectionSpec spec, ref SeededRandom random) => (float)ValueSampler.Sample(spec.Weight, ref random);

    private ushort Delay(ValueSpec delay, ref SeededRandom random) => ToSteps(ValueSampler.Sample(delay, ref random));

    // Delays are rounded to whole steps; drawn values below one step become one step.
    private ushort ToSteps(double delayMs)
    {
        var steps = Math.Max(1, Math.Round(delayMs / dt));
        if (steps > ushort.MaxValue)
            throw new SpecValidationException([new SpecError($"projections[{projectionIndex}].delay",
                $"a drawn delay of {delayMs} ms is more than {ushort.MaxValue} steps at dt = {dt} ms (at most {ushort.MaxValue * dt:0.###} ms)")]);
        return (ushort)steps;
    }

    private static SynapseTable ToTable(Synapse[][] rows)
    {
        var rowStart = new int[rows.Length + 1];
        long total = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            total += rows[i].Length;
            if (total > int.MaxValue) throw new InvalidOperationException($"a projection has more than {int.MaxValue} synapses; split it");
            rowStart[i + 1] = (int)total;
        }
        var targets = new int[total];
        var weights = new float[total];
        var delays = new ushort[total];
        for (var i = 0; i < rows.Length; i++)
        {
            // Delay-major order within a row keeps synapses of equal delay contiguous for delivery.
            // Rows usually arrive sorted (targets ascending, one delay); only the others pay for a stable sort.
            var row = IsSorted(rows[i]) ? rows[i] : [.. rows[i].OrderBy(s => s.Delay).ThenBy(s => s.Target)];
            for (var k = 0; k < row.Length; k++)
            {
                var at = rowStart[i] + k;
                targets[at] = row[k].Target;
                weights[at] = row[k].Weight;
                delays[at] = row[k].Delay;
            }
        }
        return new SynapseTable(rowStart, targets, weights, delays);
    }

    private static bool IsSorted(Synapse[] row)
    {
        for (var k = 1; k < row.Length; k++)
        {
            var (previous, current) = (row[k - 1], row[k]);
            if (current.Delay < previous.Delay || (current.Delay == previous.Delay && current.Target < previous.Target)) return false;
        }
        return true;
    }
}

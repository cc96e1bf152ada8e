using System.Globalization;
using Cortex.Backends;
using Cortex.BrainRegions.Hippocampus;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using Xunit.Abstractions;

namespace Cortex.BrainRegions.Tests.Hippocampus;

/// <summary>The <c>ca3</c> circuit stores sparse patterns with its Hebbian collaterals and completes them from half a cue.</summary>
public sealed class Ca3Tests(ITestOutputHelper output)
{
    private const int Cells = 200;
    private const int Active = 20;

    private sealed record Memory(IReadOnlyList<int[]> Patterns, int[][] Recalls, float[] Weights, int[] Sources, int[] Targets)
    {
        public double Overlap(int cued, int pattern) => AssociativeMemoryProtocol.Overlap(Recalls[cued], Patterns[pattern]);
    }

    /// <summary>Stores <paramref name="count"/> random patterns (20 of 200 cells), then recalls each from the first half of its cells.</summary>
    private static Memory StoreAndRecall(int count, int threads = 2, string? wMax = null)
    {
        var spec = new NetworkBuilder().Dt(Q.Ms(0.1)).Duration(Q.Ms(1)).Seed(7)
            .Circuit("ca3", "m", c => { if (wMax is not null) c.Param("w_max", wMax); }).Build();
        var network = Runtime.Compile(spec, threads);
        using var session = ClosedLoopSession.Open(network, Runtime.Registry.GetBackend("cpu"), new BackendOptions { Threads = threads });
        var memory = new AssociativeMemoryProtocol(session, "m");
        var patterns = BinaryPatterns.Random(count, Cells, Active, seed: 5);
        foreach (var pattern in patterns) memory.Store(pattern);
        var weights = session.GetWeights("m.recurrent");
        var recalls = patterns.Select(p => memory.Recall(BinaryPatterns.Cue(p, 0.5))).ToArray();
        var table = network.Projections[session.Projection("m.recurrent")].Table;
        var sources = new int[table.Count];
        for (var s = 0; s < table.Sources; s++)
            for (var k = table.RowStart[s]; k < table.RowStart[s + 1]; k++) sources[k] = s;
        return new Memory(patterns, recalls, weights, sources, table.Targets);
    }

    private void Print(Memory memory)
    {
        for (var cued = 0; cued < memory.Patterns.Count; cued++)
            output.WriteLine($"cue {cued}: " + string.Join(" ", Enumerable.Range(0, memory.Patterns.Count).Select(p => memory.Overlap(cued, p).ToString("F2", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void HalfACue_RecallsItsPattern_AndNoOther()
    {
        var memory = StoreAndRecall(8);
        Print(memory);
        for (var cued = 0; cued < 8; cued++)
            for (var p = 0; p < 8; p++)
                if (p == cued) Assert.True(memory.Overlap(cued, p) >= 0.9, $"pattern {cued} recalled with overlap {memory.Overlap(cued, p):F2}");
                else Assert.True(memory.Overlap(cued, p) <= 0.5, $"cue {cued} recalls pattern {p} with overlap {memory.Overlap(cued, p):F2}");
    }

    [Fact]
    public void Storage_BuildsTheClippedHebbianMatrix_OfThePatterns()
    {
        // The Willshaw matrix, computed here from the patterns alone: w_ij = w_max when i and j share a pattern, else 0.
        var memory = StoreAndRecall(8);
        var partners = new HashSet<(int, int)>();
        foreach (var pattern in memory.Patterns)
            foreach (var i in pattern)
                foreach (var j in pattern)
                    if (i != j) partners.Add((i, j));
        int stored = 0, saturated = 0, others = 0, strayStrong = 0;
        for (var k = 0; k < memory.Weights.Length; k++)
        {
            if (partners.Contains((memory.Sources[k], memory.Targets[k])))
            {
                stored++;
                if (memory.Weights[k] >= 0.9 * 0.08) saturated++;
            }
            else
            {
                others++;
                if (memory.Weights[k] >= 0.5 * 0.08) strayStrong++;
            }
        }
        output.WriteLine($"{saturated}/{stored} associated pairs at w_max; {strayStrong}/{others} other pairs above w_max/2");
        Assert.True(saturated >= 0.95 * stored, $"{saturated} of {stored} associated pairs reached w_max");
        Assert.True(strayStrong <= 0.01 * others, $"{strayStrong} of {others} unassociated pairs grew above w_max/2");
    }

    [Fact]
    public void WithoutStrongCollaterals_TheCueIsAllThatFires()
    {
        // Control: the same protocol with collaterals too weak to fire a cell recalls just the cued half (overlap ≈ 0.5).
        var memory = StoreAndRecall(5, wMax: "0.005 nA");
        Print(memory);
        for (var cued = 0; cued < 5; cued++) Assert.InRange(memory.Overlap(cued, cued), 0.4, 0.6);
    }

    [Fact]
    public void SpikesAndWeights_AreTheSameOnOneAndTwoThreads()
    {
        var one = StoreAndRecall(5, threads: 1);
        var two = StoreAndRecall(5, threads: 2);
        Assert.Equal(one.Weights, two.Weights);
        for (var p = 0; p < 5; p++) Assert.Equal(one.Recalls[p], two.Recalls[p]);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(25)]
    [InlineData(30)]
    [InlineData(40)]
    public void Capacity_MeanRecallOverlap(int count)
    {
        // A sweep for the notes: the mean overlap of the cued pattern and the largest overlap of any other. Only the
        // loads well below capacity are asserted; above it the matrix fills (Willshaw's load 1 − (1 − (20/200)²)^M).
        var memory = StoreAndRecall(count);
        var own = Enumerable.Range(0, count).Select(c => memory.Overlap(c, c)).ToArray();
        var crossTalk = Enumerable.Range(0, count).SelectMany(c => Enumerable.Range(0, count).Where(p => p != c).Select(p => memory.Overlap(c, p))).Max();
        var load = 1 - Math.Pow(1 - 0.01, count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"patterns {count}: mean overlap {own.Average():F3}, min {own.Min():F3}, recalled (≥0.9) {own.Count(o => o >= 0.9)}/{count}, max cross-talk {crossTalk:F2}, Willshaw load {load:F2}"));
        if (count <= 10) Assert.All(own, o => Assert.True(o >= 0.9, $"overlap {o:F2}"));
    }

    [Theory]
    [InlineData("size", "2.5")]
    [InlineData("a_plus", "1.5")]
    [InlineData("w_max", "-0.1 nA")]
    public void BadParameter_IsOneErrorAtItsPath(string name, string value)
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Circuit("ca3", "m", c => c.Param(name, value)).Build();
        var error = Assert.Single(new SpecValidator(Runtime.Registry).Validate(spec));
        Assert.Equal($"circuits[0].params.{name}", error.Path);
    }
}

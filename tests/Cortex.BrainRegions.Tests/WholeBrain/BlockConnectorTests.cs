using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;

namespace Cortex.BrainRegions.Tests.WholeBrain;

public sealed class BlockConnectorTests
{
    private static readonly int[] SourceBlocks = [300, 200, 100];
    private static readonly int[] TargetBlocks = [250, 150];
    private static readonly BlockEntry[] Entries = [new(0, 0, 0.1), new(1, 2, 0.3, 4.5), new(0, 1, 0.05, 12), new(1, 0, 1.0)];

    private static NetworkSpec Spec(ConnectorSpec connector, string target = "b", ulong seed = 7) => new NetworkBuilder("blocks")
        .Dt(Q.Ms(0.5)).Duration(Q.Ms(10)).Seed(seed)
        .Population("a", 600, "lif")
        .Population("b", 400, "lif")
        .Connect("a", target, connector, Q.NA(0.01), Q.Ms(1))
        .Build();

    // Synapse counts per (target block, source block), read back from the compiled table.
    private static long[,] CountsByBlock(SynapseTable table, int[] sources, int[] targets)
    {
        var (s, t) = (new BlockLayout(sources), new BlockLayout(targets));
        var counts = new long[targets.Length, sources.Length];
        for (var row = 0; row < table.Sources; row++)
            for (var k = table.RowStart[row]; k < table.RowStart[row + 1]; k++) counts[t.BlockOf(table.Targets[k]), s.BlockOf(row)]++;
        return counts;
    }

    [Fact]
    public void Counts_per_block_pair_match_the_probabilities_within_sampling_error()
    {
        var table = Runtime.Compile(Spec(new BlockConnector(SourceBlocks, TargetBlocks, Entries))).Projections[0].Table;
        var counts = CountsByBlock(table, SourceBlocks, TargetBlocks);
        for (var t = 0; t < TargetBlocks.Length; t++)
            for (var s = 0; s < SourceBlocks.Length; s++)
            {
                var p = Entries.Where(e => e.Target == t && e.Source == s).Select(e => e.P).DefaultIfEmpty(0).Single();
                // Binomial(n, p) over the block's n pairs: within 5 standard deviations (exact when p is 0 or 1).
                var n = (double)SourceBlocks[s] * TargetBlocks[t];
                Assert.InRange(counts[t, s], (n * p) - (5 * Math.Sqrt(n * p * (1 - p))) - 1e-9, (n * p) + (5 * Math.Sqrt(n * p * (1 - p))) + 1e-9);
            }
        Assert.True(counts[0, 0] > 0 && counts[1, 2] > 0);
    }

    [Fact]
    public void Each_pair_takes_its_own_delay_and_unlisted_delays_the_projections()
    {
        var table = Runtime.Compile(Spec(new BlockConnector(SourceBlocks, TargetBlocks, Entries))).Projections[0].Table;
        var (s, t) = (new BlockLayout(SourceBlocks), new BlockLayout(TargetBlocks));
        for (var row = 0; row < table.Sources; row++)
            for (var k = table.RowStart[row]; k < table.RowStart[row + 1]; k++)
            {
                var entry = Entries.Single(e => e.Source == s.BlockOf(row) && e.Target == t.BlockOf(table.Targets[k]));
                Assert.Equal(Math.Round((entry.DelayMs ?? 1.0) / 0.5), table.DelaySteps[k]);
            }
    }

    [Fact]
    public void Drawn_delays_are_sorted_delay_major_within_each_row()
    {
        var spec = Spec(new BlockConnector(SourceBlocks, TargetBlocks, [new BlockEntry(0, 0, 0.2), new BlockEntry(1, 1, 0.2)]));
        spec = spec with { Projections = [spec.Projections[0] with { Delay = new UniformValue(Q.Ms(1), Q.Ms(10)) }] };
        var table = Runtime.Compile(spec).Projections[0].Table;
        Assert.True(table.Count > 0);
        Assert.Contains(table.DelaySteps, d => d != table.DelaySteps[0]);
        for (var row = 0; row < table.Sources; row++)
            for (var k = table.RowStart[row] + 1; k < table.RowStart[row + 1]; k++)
            {
                Assert.InRange(table.DelaySteps[k], 2, 20);
                Assert.True(table.DelaySteps[k] > table.DelaySteps[k - 1] || (table.DelaySteps[k] == table.DelaySteps[k - 1] && table.Targets[k] > table.Targets[k - 1]),
                    $"row {row} is out of order at {k}");
            }
    }

    [Fact]
    public void The_table_is_the_same_for_any_thread_count()
    {
        var spec = Spec(new BlockConnector(SourceBlocks, TargetBlocks, Entries));
        var one = Runtime.Compile(spec, threads: 1).Projections[0].Table;
        var four = Runtime.Compile(spec, threads: 4).Projections[0].Table;
        Assert.Equal(one.RowStart, four.RowStart);
        Assert.Equal(one.Targets, four.Targets);
        Assert.Equal(one.DelaySteps, four.DelaySteps);
    }

    [Fact]
    public void Without_autapses_no_neuron_reaches_itself()
    {
        var connector = new BlockConnector([600], [600], [new BlockEntry(0, 0, 1.0)], AllowAutapses: false);
        var table = Runtime.Compile(Spec(connector, target: "a")).Projections[0].Table;
        Assert.Equal(600L * 599, table.Count);
        for (var row = 0; row < table.Sources; row++)
            Assert.DoesNotContain(row, table.Targets[table.RowStart[row]..table.RowStart[row + 1]]);
    }

    [Fact]
    public void Json_round_trips_the_blocks_and_entries()
    {
        var spec = Spec(new BlockConnector(SourceBlocks, TargetBlocks, Entries));
        var back = (BlockConnector)SpecJson.Parse(SpecJson.Write(spec)).Projections[0].Connector;
        Assert.Equal(SourceBlocks, back.SourceBlocks);
        Assert.Equal(TargetBlocks, back.TargetBlocks);
        Assert.Equal(Entries, back.Entries);
        Assert.True(back.AllowAutapses);
    }

    [Fact]
    public void A_malformed_entry_in_json_is_named_by_its_path()
    {
        const string json = """
            {"populations": [{"name": "a", "size": 4, "model": "lif"}],
             "projections": [{"source": "a", "target": "a", "weight": "0.1 nA",
               "connector": {"type": "blocks", "source_blocks": [2, 2], "target_blocks": [2, 2], "entries": [[0, 1, 0.5], [1, "x", 0.5]]}}]}
            """;
        var e = Assert.Throws<SpecValidationException>(() => SpecJson.Parse(json));
        Assert.Contains("projections[0].connector.entries[1]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 300, 200 }, 0, 0, 0.1, null, "source_blocks", "add up to 500")]
    [InlineData(new[] { 300, 200, 100 }, 0, 3, 0.1, null, "entries[0]", "source block must be in [0, 2]")]
    [InlineData(new[] { 300, 200, 100 }, 2, 0, 0.1, null, "entries[0]", "target block must be in [0, 1]")]
    [InlineData(new[] { 300, 200, 100 }, 0, 0, 1.5, null, "entries[0]", "p must be between 0 and 1")]
    [InlineData(new[] { 300, 200, 100 }, 0, 0, 0.1, 0.1, "entries[0]", "at least one time step")]
    public void Validation_names_the_offending_part(int[] sources, int target, int source, double p, double? delay, string path, string message)
    {
        var spec = Spec(new BlockConnector(sources, TargetBlocks, [new BlockEntry(target, source, p, delay)]));
        var errors = new SpecValidator(Runtime.Registry).Validate(spec);
        Assert.Contains(errors, e => e.Path.EndsWith(path, StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_pair_listed_twice_is_refused()
    {
        var spec = Spec(new BlockConnector(SourceBlocks, TargetBlocks, [new BlockEntry(0, 0, 0.1), new BlockEntry(0, 0, 0.2)]));
        var errors = new SpecValidator(Runtime.Registry).Validate(spec);
        Assert.Contains(errors, e => e.Path.EndsWith("entries[1]", StringComparison.Ordinal) && e.Message.Contains("second time", StringComparison.Ordinal));
    }

    [Fact]
    public void The_layout_finds_each_neurons_block()
    {
        var layout = new BlockLayout([3, 0, 2]);
        Assert.Equal(5, layout.Total);
        Assert.Equal([0, 0, 0, 2, 2], Enumerable.Range(0, 5).Select(layout.BlockOf));
        Assert.Equal(3, layout.Start(2));
    }
}

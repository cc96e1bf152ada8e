using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Compilation;

/// <summary>
/// fixed_total_number (NEST's rule with multapses): exactly N synapses, pairs uniform over sources and targets, rows in
/// delay-then-target order, the same table whatever the thread count; and the 16-bit weight grid it is used with.
/// </summary>
public sealed class FixedTotalNumberTests
{
    private static NetworkSpec Spec(ConnectorSpec connector, int sources, int targets, bool self = false, ValueSpec? weight = null,
        ValueSpec? delay = null, WeightPrecision precision = WeightPrecision.Full)
    {
        var spec = new NetworkBuilder()
            .Dt(Q.Ms(0.1)).Duration(Q.Ms(1)).Seed(5)
            .Population("src", sources, "if")
            .Population("dst", targets, "if")
            .Connect("src", self ? "src" : "dst", connector, weight ?? Q.PA(10), delay)
            .Build();
        return spec with { Projections = [spec.Projections[0] with { WeightPrecision = precision }] };
    }

    private static CompiledProjection Compile(NetworkSpec spec, int threads = 1) => Assert.Single(TestRuntime.Compile(spec, threads).Projections);

    [Theory]
    [InlineData(40, 70, 5000)]
    [InlineData(1, 1, 17)]
    [InlineData(300, 2, 0)]
    public void DrawsExactlyNSynapses_InRange(int sources, int targets, long n)
    {
        var table = Compile(Spec(new FixedTotalNumberConnector(n), sources, targets)).Table;
        Assert.Equal(n, table.Count);
        Assert.All(table.Targets, t => Assert.InRange(t, 0, targets - 1));
        Assert.Equal(sources + 1, table.RowStart.Length);
    }

    [Fact]
    public void PairsAreUniform_ChiSquareOverSourcesAndTargets()
    {
        // 60 000 synapses over 30 sources and 40 targets: each source row and target column count is binomial around its
        // mean, so the chi-square statistics with 29 and 39 degrees of freedom stay below their 0.999 quantiles (58.3, 72.1).
        const int sources = 30, targets = 40, n = 60_000;
        var table = Compile(Spec(new FixedTotalNumberConnector(n), sources, targets)).Table;
        var rowExpected = n / (double)sources;
        var rowChi = Enumerable.Range(0, sources).Sum(s => Math.Pow(table.RowStart[s + 1] - table.RowStart[s] - rowExpected, 2) / rowExpected);
        var columnExpected = n / (double)targets;
        var columnChi = table.Targets.GroupBy(t => t).Sum(g => Math.Pow(g.Count() - columnExpected, 2) / columnExpected);
        Assert.Equal(targets, table.Targets.Distinct().Count());
        Assert.InRange(rowChi, 0, 58.3);
        Assert.InRange(columnChi, 0, 72.1);
    }

    [Fact]
    public void WithoutAutapses_NoNeuronConnectsToItself_ButMultapsesRemain()
    {
        var table = Compile(Spec(new FixedTotalNumberConnector(2000, AllowAutapses: false), 10, 10, self: true)).Table;
        var pairs = Enumerable.Range(0, table.Sources).SelectMany(s => Enumerable.Range(table.RowStart[s], table.RowStart[s + 1] - table.RowStart[s]).Select(i => (s, table.Targets[i]))).ToList();
        Assert.DoesNotContain(pairs, p => p.s == p.Item2);
        Assert.True(pairs.Count > pairs.Distinct().Count(), "2000 draws over 90 pairs must repeat pairs");
    }

    [Fact]
    public void Rows_AreSortedByDelayThenTarget_AndTheTableIsTheSameWithOneOrTwoThreads()
    {
        var spec = Spec(new FixedTotalNumberConnector(20_000), 200, 300, weight: new NormalValue(Q.PA(10), Q.PA(1)),
            delay: new NormalValue(Q.Ms(1.5), Q.Ms(0.75), Min: Q.Ms(0.1)));
        var one = Compile(spec, 1).Table;
        var two = Compile(spec, 2).Table;
        Assert.Equal(one.RowStart, two.RowStart);
        Assert.Equal(one.Targets, two.Targets);
        Assert.Equal(one.Weights, two.Weights);
        Assert.Equal(one.DelaySteps, two.DelaySteps);
        for (var s = 0; s < one.Sources; s++)
            for (var i = one.RowStart[s] + 1; i < one.RowStart[s + 1]; i++)
                Assert.True(one.DelaySteps[i - 1] < one.DelaySteps[i] || (one.DelaySteps[i - 1] == one.DelaySteps[i] && one.Targets[i - 1] <= one.Targets[i]));
    }

    [Fact]
    public void SixteenBitWeights_AreTheDrawnWeightsRoundedToTheirGrid()
    {
        var weight = new NormalValue(Q.PA(80), Q.PA(8));
        var full = Compile(Spec(new FixedTotalNumberConnector(5000), 50, 50, weight: weight)).Table.Weights;
        var rounded = Compile(Spec(new FixedTotalNumberConnector(5000), 50, 50, weight: weight, precision: WeightPrecision.Grid16));
        var grid = Assert.IsType<WeightGrid>(rounded.WeightGrid);
        // Independent bound: half a grid step, plus the float rounding of the stored value (one unit in the last place).
        var step = (full.Max() - (double)full.Min()) / ushort.MaxValue;
        for (var i = 0; i < full.Length; i++)
        {
            Assert.InRange(Math.Abs(rounded.Table.Weights[i] - (double)full[i]), 0, 0.5 * step + Math.Abs(full[i]) * Math.Pow(2, -23));
            Assert.Equal(rounded.Table.Weights[i], grid.Value(grid.IndexOf(rounded.Table.Weights[i])));
        }
        Assert.InRange(grid.WorstRelativeError, 0, 0.5 * step / full.Min() + Math.Pow(2, -23));
    }

    [Fact]
    public void JsonRoundTrip_KeepsNAndWeightPrecision()
    {
        var json = """
            {
              "simulation": { "dt": "0.1 ms", "duration": "1 ms" },
              "populations": [ { "name": "a", "size": 5, "model": "lif" } ],
              "projections": [ { "source": "a", "target": "a", "connector": { "type": "fixed_total_number", "n": 3000000000, "allow_autapses": false },
                                 "weight": "1 pA", "weight_precision": "16bit" } ]
            }
            """;
        var spec = SpecJson.Parse(json);
        var projection = Assert.Single(spec.Projections);
        Assert.Equal(new FixedTotalNumberConnector(3_000_000_000, AllowAutapses: false), projection.Connector);
        Assert.Equal(WeightPrecision.Grid16, projection.WeightPrecision);
        var reread = SpecJson.Parse(SpecJson.Write(spec)).Projections[0];
        Assert.Equal(projection.Connector, reread.Connector);
        Assert.Equal(projection.WeightPrecision, reread.WeightPrecision);
        // More than one projection can index is refused at its path.
        var error = Assert.Single(new SpecValidator(TestRuntime.Registry).Validate(spec));
        Assert.Equal("projections[0].connector.n", error.Path);
    }

    [Fact]
    public void SixteenBitWeights_WithPlasticity_AreRefusedAtTheirPath()
    {
        var json = """
            {
              "simulation": { "dt": "0.1 ms", "duration": "1 ms" },
              "populations": [ { "name": "a", "size": 5, "model": "lif" } ],
              "projections": [ { "source": "a", "target": "a", "connector": { "type": "fixed_total_number", "n": 10 },
                                 "weight": "1 pA", "weight_precision": "16bit", "plasticity": "stdp" } ]
            }
            """;
        var error = Assert.Single(new SpecValidator(TestRuntime.Registry).Validate(SpecJson.Parse(json)));
        Assert.Equal("projections[0].weight_precision", error.Path);
    }

    [Fact]
    public void UnknownWeightPrecision_IsAFormatErrorAtItsPath()
    {
        var json = """
            { "populations": [ { "name": "a", "size": 5, "model": "lif" } ],
              "projections": [ { "source": "a", "target": "a", "connector": "all_to_all", "weight": "1 pA", "weight_precision": "8bit" } ] }
            """;
        var error = Assert.Throws<SpecValidationException>(() => SpecJson.Parse(json));
        Assert.Equal("projections[0].weight_precision", Assert.Single(error.Errors).Path);
    }
}

using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Compilation;

/// <summary>Each connector draws what its definition says; tables depend on the seed only, never on threads.</summary>
public sealed class ConnectivityTests
{
    private const double Dt = 0.1;

    // One projection from "src" into "dst" (or into "src" itself); "if" neurons, since no dynamics are involved.
    private static NetworkSpec OneProjection(ConnectorSpec connector, int sources, int targets, bool self = false,
        ValueSpec? weight = null, ValueSpec? delay = null, ulong seed = 1) =>
        new NetworkBuilder()
            .Dt(Q.Ms(Dt)).Duration(Q.Ms(1)).Seed(seed)
            .Population("src", sources, "if")
            .Population("dst", targets, "if")
            .Connect("src", self ? "src" : "dst", connector, weight ?? Q.PA(10), delay)
            .Build();

    private static SynapseTable Table(NetworkSpec spec, int threads = 1) => Assert.Single(TestRuntime.Compile(spec, threads).Projections).Table;

    private static List<(int Source, int Target)> Pairs(SynapseTable table)
    {
        var pairs = new List<(int, int)>(table.Count);
        for (var s = 0; s < table.Sources; s++)
            for (var i = table.RowStart[s]; i < table.RowStart[s + 1]; i++) pairs.Add((s, table.Targets[i]));
        return pairs;
    }

    [Theory]
    [InlineData(50, 80, 7, false)]
    [InlineData(50, 80, 7, true)]
    [InlineData(12, 30, 12, false)]
    [InlineData(3, 10, 20, true)]
    public void FixedInDegree_GivesExactlyKPerTarget(int sources, int targets, int k, bool multapses)
    {
        var table = Table(OneProjection(new FixedInDegreeConnector(k, AllowMultapses: multapses), sources, targets));
        var pairs = Pairs(table);
        Assert.Equal(k * targets, table.Count);
        foreach (var column in pairs.GroupBy(p => p.Target))
        {
            Assert.Equal(k, column.Count());
            if (!multapses) Assert.Equal(k, column.Select(p => p.Source).Distinct().Count());
        }
        Assert.Equal(targets, pairs.Select(p => p.Target).Distinct().Count());
        Assert.All(pairs, p => Assert.InRange(p.Source, 0, sources - 1));
    }

    [Fact]
    public void FixedInDegree_WithoutAutapses_NeverConnectsANeuronToItself()
    {
        var table = Table(OneProjection(new FixedInDegreeConnector(19, AllowAutapses: false, AllowMultapses: false), 20, 1, self: true));
        var pairs = Pairs(table);
        Assert.DoesNotContain(pairs, p => p.Source == p.Target);
        // 19 distinct sources out of the 19 others: every other neuron, exactly once.
        foreach (var column in pairs.GroupBy(p => p.Target))
            Assert.Equal(Enumerable.Range(0, 20).Where(s => s != column.Key), column.Select(p => p.Source).Order());
    }

    [Theory]
    [InlineData(60, 40, 9, false)]
    [InlineData(60, 40, 9, true)]
    [InlineData(5, 8, 8, false)]
    public void FixedOutDegree_GivesExactlyKPerSource(int sources, int targets, int k, bool multapses)
    {
        var table = Table(OneProjection(new FixedOutDegreeConnector(k, AllowMultapses: multapses), sources, targets));
        Assert.Equal(k * sources, table.Count);
        for (var s = 0; s < sources; s++)
        {
            var row = table.Targets[table.RowStart[s]..table.RowStart[s + 1]];
            Assert.Equal(k, row.Length);
            Assert.All(row, t => Assert.InRange(t, 0, targets - 1));
            if (!multapses) Assert.Equal(k, row.Distinct().Count());
        }
    }

    [Fact]
    public void FixedOutDegree_WithoutAutapses_NeverConnectsANeuronToItself()
    {
        var pairs = Pairs(Table(OneProjection(new FixedOutDegreeConnector(30, AllowAutapses: false), 31, 1, self: true)));
        Assert.Equal(31 * 30, pairs.Count);
        Assert.DoesNotContain(pairs, p => p.Source == p.Target);
    }

    [Theory]
    [InlineData(1000, 1000, 0.05)]
    [InlineData(300, 2000, 0.2)]
    [InlineData(2000, 500, 0.003)]
    public void FixedProbability_CountIsWithinFourSigmaOfTheBinomialMean(int sources, int targets, double p)
    {
        var table = Table(OneProjection(new FixedProbabilityConnector(p), sources, targets));
        // The count is Binomial(N_s·N_t, p): mean N·p, standard deviation sqrt(N·p·(1 − p)).
        var n = (double)sources * targets;
        var mean = n * p;
        var sigma = Math.Sqrt(n * p * (1 - p));
        Assert.InRange(table.Count, mean - 4 * sigma, mean + 4 * sigma);

        // Within a row each target appears at most once, and every target can be hit.
        for (var s = 0; s < sources; s++)
        {
            var row = table.Targets[table.RowStart[s]..table.RowStart[s + 1]];
            Assert.Equal(row.Length, row.Distinct().Count());
        }
        Assert.All(table.Targets, t => Assert.InRange(t, 0, targets - 1));
    }

    [Fact]
    public void FixedProbability_TargetsAreUniform()
    {
        // In-degrees are Binomial(N_s, p) per target; pooled in 10 bins of targets each bin's count is
        // Binomial(N_s·N_t/10, p): every bin within 4 sigma of its mean, so no region of targets is favoured.
        const int sources = 2000, targets = 1000;
        const double p = 0.05;
        var table = Table(OneProjection(new FixedProbabilityConnector(p), sources, targets));
        var bins = new int[10];
        foreach (var t in table.Targets) bins[t * 10 / targets]++;
        var n = (double)sources * targets / 10;
        var sigma = Math.Sqrt(n * p * (1 - p));
        Assert.All(bins, b => Assert.InRange(b, n * p - 4 * sigma, n * p + 4 * sigma));
    }

    [Fact]
    public void FixedProbability_ZeroAndOne_AreNoneAndAll()
    {
        Assert.Equal(0, Table(OneProjection(new FixedProbabilityConnector(0), 30, 40)).Count);
        Assert.Equal(30 * 40, Table(OneProjection(new FixedProbabilityConnector(1), 30, 40)).Count);
    }

    [Fact]
    public void FixedProbability_WithoutAutapses_ExcludesTheDiagonal()
    {
        var pairs = Pairs(Table(OneProjection(new FixedProbabilityConnector(1, AllowAutapses: false), 25, 1, self: true)));
        Assert.Equal(25 * 24, pairs.Count);
        Assert.DoesNotContain(pairs, p => p.Source == p.Target);
    }

    [Fact]
    public void OneToOne_ConnectsIToI()
    {
        var table = Table(OneProjection(new OneToOneConnector(), 17, 17));
        Assert.Equal(Enumerable.Range(0, 17).Select(i => (i, i)), Pairs(table));
    }

    [Fact]
    public void AllToAll_WithoutAutapses_ExcludesIToI()
    {
        var pairs = Pairs(Table(OneProjection(new AllToAllConnector(AllowAutapses: false), 12, 1, self: true)));
        var expected = from s in Enumerable.Range(0, 12) from t in Enumerable.Range(0, 12) where s != t select (s, t);
        Assert.Equal(expected, pairs);
    }

    [Fact]
    public void AllToAll_WithAutapses_IsTheFullSquare()
    {
        Assert.Equal(144, Table(OneProjection(new AllToAllConnector(), 12, 1, self: true)).Count);
    }

    [Fact]
    public void AllToAll_BetweenTwoPopulations_IgnoresTheAutapseFlag()
    {
        // Autapses concern a neuron and itself; neuron i of another population is a different neuron.
        Assert.Equal(12 * 7, Table(OneProjection(new AllToAllConnector(AllowAutapses: false), 12, 7)).Count);
    }

    [Fact]
    public void ExplicitList_KeepsPerConnectionWeightsAndDelays()
    {
        var connector = new ExplicitConnector(
        [
            new(0, 2),
            new(3, 1, Q.PA(-7.5)),
            new(3, 0, Q.PA(42), Q.Ms(2.5)),
            new(1, 1, null, Q.Ms(0.3)),
            new(1, 1),
        ]);
        var table = Table(OneProjection(connector, 4, 3, weight: Q.PA(10), delay: Q.Ms(1)));
        var synapses = new List<(int Source, int Target, float Weight, int Delay)>();
        for (var s = 0; s < table.Sources; s++)
            for (var i = table.RowStart[s]; i < table.RowStart[s + 1]; i++) synapses.Add((s, table.Targets[i], table.Weights[i], table.DelaySteps[i]));
        // 1 pA = 0.001 nA; delays in steps of 0.1 ms; unspecified values fall back to the projection's.
        Assert.Equal(
            new[] { (0, 2, 0.010f, 10), (1, 1, 0.010f, 3), (1, 1, 0.010f, 10), (3, 1, -0.0075f, 10), (3, 0, 0.042f, 25) }.Order(),
            synapses.Order());
    }

    [Fact]
    public void Delays_AreRoundedToWholeSteps_AndMinMaxDelayCoverAllProjections()
    {
        var spec = new NetworkBuilder()
            .Dt(Q.Ms(Dt)).Duration(Q.Ms(1))
            .Population("a", 30, "if")
            .Population("b", 30, "if")
            .Connect("a", "b", new AllToAllConnector(), Q.PA(1), Q.Ms(0.34))
            .Connect("b", "a", new AllToAllConnector(), Q.PA(1), Q.Ms(1.26))
            .Connect("a", "a", new FixedProbabilityConnector(0.5), Q.PA(1), new UniformValue(Q.Ms(0.5), Q.Ms(0.9)))
            .Build();
        var network = TestRuntime.Compile(spec);
        Assert.All(network.Projections[0].Table.DelaySteps, d => Assert.Equal(3, d)); // 0.34 ms / 0.1 ms = 3.4 → 3
        Assert.All(network.Projections[1].Table.DelaySteps, d => Assert.Equal(13, d)); // 12.6 → 13
        var drawn = network.Projections[2].Table.DelaySteps;
        Assert.All(drawn, d => Assert.InRange(d, 5, 9));
        Assert.Equal(Enumerable.Range(5, 5), drawn.Select(d => (int)d).Distinct().Order()); // every step in [0.5, 0.9] ms occurs
        Assert.Equal(3, network.MinDelaySteps);
        Assert.Equal(13, network.MaxDelaySteps);
    }

    [Fact]
    public void Delays_ShortestDelayIsMinDelay()
    {
        var network = TestRuntime.Compile(OneProjection(new FixedProbabilityConnector(0.2), 200, 200, delay: new UniformValue(Q.Ms(0.1), Q.Ms(3))));
        var delays = network.Projections[0].Table.DelaySteps;
        Assert.Equal(delays.Min(), network.MinDelaySteps);
        Assert.Equal(delays.Max(), network.MaxDelaySteps);
        Assert.InRange(network.MinDelaySteps, 1, 2);
        Assert.InRange(network.MaxDelaySteps, 29, 30);
    }

    [Fact]
    public void Rows_AreSortedByDelayThenTarget()
    {
        var table = Table(OneProjection(new FixedProbabilityConnector(0.3), 100, 100, delay: new UniformValue(Q.Ms(0.1), Q.Ms(2))));
        for (var s = 0; s < table.Sources; s++)
            for (var i = table.RowStart[s] + 1; i < table.RowStart[s + 1]; i++)
                Assert.True((table.DelaySteps[i - 1], table.Targets[i - 1]).CompareTo((table.DelaySteps[i], table.Targets[i])) <= 0);
    }

    [Fact]
    public void RandomWeights_StayInsideTheirDistribution()
    {
        var uniform = Table(OneProjection(new AllToAllConnector(), 100, 100, weight: new UniformValue(Q.PA(10), Q.PA(20))));
        Assert.All(uniform.Weights, w => Assert.InRange(w, 0.010f, 0.020f));
        // Mean of 10⁴ draws: within 4 standard errors, 4 · 10 pA/√12/√10⁴ ≈ 0.12 pA.
        var se = 0.010 / Math.Sqrt(12) / 100;
        Assert.InRange(uniform.Weights.Average(), 0.015 - 4 * se, 0.015 + 4 * se);

        var normal = Table(OneProjection(new AllToAllConnector(), 100, 100, weight: new NormalValue(Q.PA(15), Q.PA(5), Q.PA(12), Q.PA(30))));
        Assert.All(normal.Weights, w => Assert.InRange(w, 0.012f, 0.030f));
    }

    /// <summary>A network with every random connector and random weights and delays.</summary>
    private static NetworkSpec RandomNetwork(ulong seed) => new NetworkBuilder()
        .Dt(Q.Ms(Dt)).Duration(Q.Ms(1)).Seed(seed)
        .Population("a", 300, "if")
        .Population("b", 200, "if")
        .Connect("a", "b", new FixedProbabilityConnector(0.1), new UniformValue(Q.PA(1), Q.PA(5)), new UniformValue(Q.Ms(0.1), Q.Ms(5)))
        .Connect("b", "a", new FixedInDegreeConnector(20, AllowMultapses: false), new NormalValue(Q.PA(-3), Q.PA(1)), Q.Ms(1))
        .Connect("a", "a", new FixedOutDegreeConnector(15, AllowAutapses: false), Q.PA(2), new UniformValue(Q.Ms(1), Q.Ms(2)))
        .Connect("b", "b", new FixedProbabilityConnector(0.3, AllowAutapses: false), Q.PA(1))
        .Build();

    [Fact]
    public void SameSeed_GivesIdenticalTables()
    {
        CompiledAssert.SameNetwork(TestRuntime.Compile(RandomNetwork(7)), TestRuntime.Compile(RandomNetwork(7)));
    }

    [Fact]
    public void DifferentSeed_GivesDifferentTables()
    {
        var a = TestRuntime.Compile(RandomNetwork(7));
        var b = TestRuntime.Compile(RandomNetwork(8));
        for (var i = 0; i < a.Projections.Count; i++)
        {
            Assert.False(CompiledAssert.TablesEqual(a.Projections[i].Table, b.Projections[i].Table), $"projection {i} did not change with the seed");
            Assert.NotEqual(a.Projections[i].Table.Targets, b.Projections[i].Table.Targets);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ThreadCount_DoesNotChangeTheNetwork(int threads)
    {
        CompiledAssert.SameNetwork(TestRuntime.Compile(RandomNetwork(11), 1), TestRuntime.Compile(RandomNetwork(11), threads));
    }

    [Fact]
    public void AddingAProjection_DoesNotChangeTheOthers()
    {
        // Every projection draws from its own streams, so appending one leaves earlier tables alone.
        var spec = RandomNetwork(5);
        var longer = spec with
        {
            Projections = [.. spec.Projections, new ProjectionSpec { Source = "a", Target = "b", Connector = new FixedProbabilityConnector(0.5), Weight = Q.PA(1) }],
        };
        var a = TestRuntime.Compile(spec);
        var b = TestRuntime.Compile(longer);
        for (var i = 0; i < a.Projections.Count; i++) CompiledAssert.SameTable(a.Projections[i].Table, b.Projections[i].Table);
    }
}

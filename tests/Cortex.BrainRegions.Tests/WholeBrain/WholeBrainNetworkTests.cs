using Cortex.BrainRegions.WholeBrain;
using Cortex.Spec;

namespace Cortex.BrainRegions.Tests.WholeBrain;

public sealed class WholeBrainNetworkTests
{
    // Four regions on a line 40 mm apart; tract lengths are the distances (mm) and weights are [target, source].
    private static Connectome Line(double[,] weights)
    {
        var n = weights.GetLength(0);
        var w = new double[n * n];
        var lengths = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                w[(i * n) + j] = weights[i, j];
                lengths[(i * n) + j] = 40.0 * Math.Abs(i - j);
            }
        return new Connectome("line", [.. Enumerable.Range(0, n).Select(r => $"r{r}")], w, lengths,
            [.. Enumerable.Range(0, n).Select(r => new Point3(40.0 * r, -10, 5))]);
    }

    private static readonly WholeBrainOptions Small = new() { NeuronsPerRegion = 50, Coupling = 1, DurationMs = 200, Seed = 3 };

    [Fact]
    public void A_single_edge_from_j_to_i_gives_long_range_synapses_only_from_region_j_to_region_i()
    {
        // W[target = 2, source = 0] = 1: region 0 projects to region 2 and nothing else crosses regions.
        var connectome = Line(new double[,] { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 1, 0, 0, 0 }, { 0, 0, 0, 0 } });
        var network = Runtime.Compile(WholeBrainNetwork.Build(connectome, Small));
        var (ne, ni) = (Small.ExcitatoryPerRegion, Small.InhibitoryPerRegion);
        foreach (var projection in network.Projections)
        {
            var sourceBlock = network.Populations[projection.Source].Size / 4;
            var targetBlock = network.Populations[projection.Target].Size / 4;
            var crossing = 0;
            var table = projection.Table;
            for (var row = 0; row < table.Sources; row++)
                for (var k = table.RowStart[row]; k < table.RowStart[row + 1]; k++)
                {
                    var (from, to) = (row / sourceBlock, table.Targets[k] / targetBlock);
                    if (from == to) continue;
                    crossing++;
                    Assert.Equal((0, 2), (from, to));
                }
            // Only excitatory neurons project between regions, onto both populations of the target region.
            if (projection.Name.StartsWith("exc", StringComparison.Ordinal)) Assert.True(crossing > 0, projection.Name);
            else Assert.Equal(0, crossing);
        }
        Assert.Equal((40, 10), (ne, ni));
    }

    [Fact]
    public void Long_range_delays_are_tract_length_over_speed()
    {
        var connectome = Line(new double[,] { { 0, 1, 1, 1 }, { 1, 0, 1, 1 }, { 1, 1, 0, 1 }, { 1, 1, 1, 0 } });
        var options = Small with { SpeedMmPerMs = 4, DtMs = 0.5 };
        var network = Runtime.Compile(WholeBrainNetwork.Build(connectome, options));
        var projection = network.Projections.Single(p => p.Name == "exc->exc");
        var block = options.ExcitatoryPerRegion;
        var table = projection.Table;
        for (var row = 0; row < table.Sources; row++)
            for (var k = table.RowStart[row]; k < table.RowStart[row + 1]; k++)
            {
                var (from, to) = (row / block, table.Targets[k] / block);
                var expectedMs = from == to ? options.LocalDelayMs : 40.0 * Math.Abs(from - to) / 4;
                Assert.Equal(expectedMs / options.DtMs, table.DelaySteps[k]);
            }
    }

    [Fact]
    public void Connection_probability_follows_the_weights_normalised_by_the_mean_in_strength()
    {
        var connectome = Line(new double[,] { { 0, 2, 0, 0 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 0 } });
        var entries = WholeBrainNetwork.LongRange(connectome, Small).ToList();
        // Mean in-strength S̄ = (2 + 1 + 1 + 0) / 4 = 1, so p = G · p_local · W.
        Assert.Equal(3, entries.Count);
        Assert.Equal(1 * 0.1 * 2, entries.Single(e => e.Target == 0 && e.Source == 1).P, 12);
        Assert.Equal(1 * 0.1 * 1, entries.Single(e => e.Target == 2 && e.Source == 1).P, 12);
    }

    [Fact]
    public void Neurons_lie_near_their_region_centre()
    {
        var connectome = Line(new double[,] { { 0, 1, 0, 0 }, { 1, 0, 0, 0 }, { 0, 0, 0, 1 }, { 0, 0, 1, 0 } });
        var spec = WholeBrainNetwork.Build(connectome, Small with { PositionJitterUm = 500 });
        foreach (var population in spec.Populations)
        {
            var points = population.Positions!.Points!;
            var block = population.Size / 4;
            for (var n = 0; n < points.Count; n++)
            {
                var centre = connectome.CentresMm[n / block];
                Assert.InRange(points[n].X, (centre.X * 1000) - 500, (centre.X * 1000) + 500);
                Assert.InRange(points[n].Y, (centre.Y * 1000) - 500, (centre.Y * 1000) + 500);
                Assert.InRange(points[n].Z, (centre.Z * 1000) - 500, (centre.Z * 1000) + 500);
            }
            // A uniform jitter in ±500 µm has mean ≈ 0: the block's mean is close to the centre.
            Assert.InRange(points.Take(block).Average(p => p.X), -100, 100);
        }
    }

    [Fact]
    public void Spikes_are_the_same_for_any_thread_count()
    {
        var connectome = Line(new double[,] { { 0, 1, 0, 0 }, { 1, 0, 1, 0 }, { 0, 1, 0, 1 }, { 0, 0, 1, 0 } });
        var spec = WholeBrainNetwork.Build(connectome, Small);
        var (_, one) = Runtime.Run(spec, threads: 1);
        var (_, three) = Runtime.Run(spec, threads: 3);
        Assert.NotEmpty(one.Spikes);
        Assert.Equal(one.Spikes, three.Spikes);
    }
}

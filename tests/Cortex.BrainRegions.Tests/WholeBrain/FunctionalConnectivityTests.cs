using Cortex.BrainRegions.WholeBrain;
using Cortex.Recording;
using Cortex.Spec;

namespace Cortex.BrainRegions.Tests.WholeBrain;

public sealed class FunctionalConnectivityTests
{
    [Fact]
    public void Correlation_is_one_for_an_affine_copy_minus_one_for_a_mirror_and_zero_for_a_constant()
    {
        double[] a = [1, 3, 2, 5, 4, 0];
        var fc = FunctionalConnectivity.Correlation([a, [.. a.Select(v => (2 * v) + 7)], [.. a.Select(v => -v)], [4, 4, 4, 4, 4, 4]]);
        Assert.Equal(1, fc[0, 1], 12);
        Assert.Equal(-1, fc[0, 2], 12);
        Assert.Equal(0, fc[0, 3]);
        Assert.Equal(fc[1, 2], fc[2, 1]);
    }

    [Fact]
    public void Pearson_matches_a_hand_computed_value()
    {
        // x = 1..5, y = 2, 4, 5, 4, 5: Σdxdy = 6, Σdx² = 10, Σdy² = 6, r = 6 / √60 = 0.7746.
        Assert.Equal(6 / Math.Sqrt(60), FunctionalConnectivity.Pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 12);
    }

    [Fact]
    public void Smoothing_keeps_the_mean_of_a_constant_and_spreads_a_pulse()
    {
        var smooth = FunctionalConnectivity.Smooth([[5, 5, 5, 5, 5], [0, 0, 10, 0, 0]], 1);
        Assert.All(smooth[0], v => Assert.Equal(5, v, 12));
        Assert.True(smooth[1][2] < 10 && smooth[1][1] > 0 && Math.Abs(smooth[1][1] - smooth[1][3]) < 1e-12);
    }

    [Fact]
    public void Structure_correlation_uses_symmetrised_weights_over_distinct_pairs()
    {
        // Three regions: pairs (0,1), (0,2), (1,2) with symmetrised weights 1, 0, 2 and FC 0.5, 0.1, 0.9: perfectly linear.
        var w = new double[] { 0, 2, 0, 0, 0, 4, 0, 0, 0 };
        var c = new Connectome("tri", ["a", "b", "c"], w, new double[9], [new Point3(0, 0, 0), new Point3(1, 0, 0), new Point3(2, 0, 0)]);
        var fc = new double[,] { { 1, 0.5, 0.1 }, { 0.5, 1, 0.9 }, { 0.1, 0.9, 1 } };
        Assert.Equal(1, FunctionalConnectivity.StructureCorrelation(fc, c), 12);
    }

    [Fact]
    public void Region_rates_count_both_populations_by_block()
    {
        // Two regions, blocks of 4 E and 1 I neurons; dt 0.5 ms, 100 ms in 50 ms bins.
        SpikeRecord[] spikes = [new(0, 0, 10), new(0, 5, 10), new(1, 1, 150), new(1, 0, 20), new(0, 7, 199)];
        var rates = RegionRates.Bin(spikes, [4, 1], 2, 0.5, 100, 50);
        // Region 0: E0 and I0 in bin 0 → 2 spikes / (5 neurons · 0.05 s) = 8 Hz. Region 1: E5 in bin 0, I1 and E7 in bin 1.
        Assert.Equal([8.0, 0], rates[0]);
        Assert.Equal([4.0, 8.0], rates[1]);
        Assert.Equal([4.0, 6.0], RegionRates.Means(rates));
    }
}

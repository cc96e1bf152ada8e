using Xunit;

namespace Cortex.Plots.Tests;

/// <summary>The rate box plot: Tukey boxes computed as textbooks define them, and a PNG per call.</summary>
public sealed class RateBoxPlotTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cortex-boxes-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Box_OfOneToNinePlusAnOutlier_HasInterpolatedQuartiles_AndWhiskersInsideOnePointFiveIqr()
    {
        // 1…9 and 100: linear-interpolation quartiles (numpy's default) at positions 2.25, 4.5, 6.75 of the sorted values.
        double[] values = [100, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        var box = BoxStatistics.Of(values);
        Assert.Equal(3.25, box.Q1, 12);
        Assert.Equal(5.5, box.Median, 12);
        Assert.Equal(7.75, box.Q3, 12);
        Assert.Equal(1, box.WhiskerLow);
        Assert.Equal(9, box.WhiskerHigh); // 100 lies beyond Q3 + 1.5·4.5 = 14.5: an outlier, not the whisker
    }

    [Fact]
    public void Save_WritesAPng_WithOneBoxPerPopulationThatHasNeurons()
    {
        var path = Path.Combine(_dir, "rates.png");
        var boxes = RateBoxPlot.Save(path, [new PopulationRates("a", [1, 2, 3]), new PopulationRates("empty", []), new PopulationRates("b", [4, 4, 8])]);
        Assert.Equal(2, boxes.Count);
        Assert.Equal(4, boxes[1].Median);
        Assert.True(new FileInfo(path).Length > 1000);
    }

    [Fact]
    public void Save_RefusesNegativeRates()
    {
        Assert.Throws<ArgumentException>(() => RateBoxPlot.Save(Path.Combine(_dir, "x.png"), [new PopulationRates("a", [-1])]));
    }
}

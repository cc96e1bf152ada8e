using ScottPlot;
using SkiaSharp;

namespace Cortex.Plots;

/// <summary>The per-neuron rates of one population for <see cref="RateBoxPlot"/>.</summary>
/// <param name="Name">Population name (x axis label).</param>
/// <param name="Rates">Rate of each recorded neuron, Hz.</param>
public sealed record PopulationRates(string Name, IReadOnlyList<double> Rates);

/// <summary>Quartiles and whiskers of one box, as drawn.</summary>
/// <param name="Median">Median rate.</param>
/// <param name="Q1">First quartile.</param>
/// <param name="Q3">Third quartile.</param>
/// <param name="WhiskerLow">Lowest rate within 1.5 IQR below Q1.</param>
/// <param name="WhiskerHigh">Highest rate within 1.5 IQR above Q3.</param>
public sealed record BoxStatistics(double Median, double Q1, double Q3, double WhiskerLow, double WhiskerHigh)
{
    /// <summary>Tukey's box of <paramref name="values"/> (quartiles by linear interpolation, whiskers at 1.5 IQR).</summary>
    public static BoxStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("a box needs at least one value", nameof(values));
        double[] sorted = [.. values.Order()];
        double Quantile(double q)
        {
            var at = q * (sorted.Length - 1);
            var below = (int)Math.Floor(at);
            var above = Math.Min(below + 1, sorted.Length - 1);
            return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
        }
        var (q1, median, q3) = (Quantile(0.25), Quantile(0.5), Quantile(0.75));
        var reach = 1.5 * (q3 - q1);
        return new BoxStatistics(median, q1, q3, sorted.First(v => v >= q1 - reach), sorted.Last(v => v <= q3 + reach));
    }
}

/// <summary>
/// A PNG with one box per population of its neurons' firing rates (median, quartiles, 1.5-IQR whiskers), as the box
/// plots of Potjans &amp; Diesmann (2014, Fig. 6) and NEST's microcircuit example show them; written beside raster.png.
/// </summary>
public static class RateBoxPlot
{
    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 900;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>Draws the boxes of <paramref name="populations"/> (those without neurons are left out) and writes the PNG; returns what was drawn.</summary>
    public static IReadOnlyList<BoxStatistics> Save(string pngPath, IReadOnlyList<PopulationRates> populations, string? title = null,
        int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentNullException.ThrowIfNull(populations);
        var drawn = populations.Where(p => p.Rates.Count > 0).ToList();
        if (drawn.Count == 0) throw new ArgumentException("no population has recorded neurons", nameof(populations));
        if (drawn.Any(p => p.Rates.Any(r => !double.IsFinite(r) || r < 0)))
            throw new ArgumentException("rates must be finite and non-negative", nameof(populations));

        PlotFonts.EnsureRegistered();
        using var plot = new Plot();
        var boxes = drawn.Select(p => BoxStatistics.Of(p.Rates)).ToList();
        for (var i = 0; i < boxes.Count; i++)
        {
            var b = boxes[i];
            var box = plot.Add.Box(new Box
            {
                Position = i, BoxMin = b.Q1, BoxMax = b.Q3, BoxMiddle = b.Median, WhiskerMin = b.WhiskerLow, WhiskerMax = b.WhiskerHigh,
            });
            box.FillColor = RasterPlot.PopulationColor(i).WithAlpha(0.6);
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, drawn.Count).Select(i => (double)i)], [.. drawn.Select(p => p.Name)]);
        plot.YLabel("rate (Hz)");
        if (title is not null) plot.Title(title);
        PlotFonts.Apply(plot);
        var top = boxes.Max(b => b.WhiskerHigh);
        plot.Axes.SetLimits(-0.6, drawn.Count - 0.4, 0, top > 0 ? top * 1.08 : 1);

        using var surface = StackedPanels.CreateSurface(width, height);
        surface.Canvas.Clear(SKColors.White);
        StackedPanels.DrawPanel(surface.Canvas, plot, width, height, 0);
        StackedPanels.SavePng(surface, pngPath);
        return boxes;
    }
}

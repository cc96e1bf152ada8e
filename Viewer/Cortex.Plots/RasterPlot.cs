using Cortex.Recording;
using ScottPlot;
using SkiaSharp;

namespace Cortex.Plots;

/// <summary>What <see cref="RasterPlot.Save"/> drew.</summary>
/// <param name="TotalSpikes">Spikes given.</param>
/// <param name="PlottedSpikes">Spikes drawn in the raster (a random subsample when more than maxPoints were given).</param>
/// <param name="BinMs">Bin width of the rate panel, ms.</param>
public sealed record RasterPlotResult(int TotalSpikes, int PlottedSpikes, double BinMs);

/// <summary>
/// A PNG with a spike raster on top (x: time in ms, y: neuron index with populations stacked in layout order,
/// one colour per population, legend) and the population firing rates below (Hz, one line per population).
/// </summary>
public static class RasterPlot
{
    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 1200;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 800;

    /// <summary>Default bin width of the rate panel, ms.</summary>
    public const double DefaultBinMs = 5;

    private const int MaxBins = 20_000;
    private const float LeftPadding = 80;
    private const float RightPadding = 20;
    private const float RasterShare = 0.65f;

    /// <summary>Renders the raster and rate panels and writes them as a PNG.</summary>
    /// <param name="pngPath">The file to write (its directory is created if missing).</param>
    /// <param name="spikes">The spikes, any order.</param>
    /// <param name="layout">Population names, sizes and dt (time = step · dt).</param>
    /// <param name="durationMs">The simulated time: x axis range and rate normalisation.</param>
    /// <param name="maxPoints">At most this many spikes are drawn in the raster (random subsample, fixed seed);
    /// the rates always use every spike.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <param name="binMs">Rate bin width in ms (widened if the run would need more than 20,000 bins).</param>
    /// <param name="title">Title above the raster; none when null.</param>
    public static RasterPlotResult Save(
        string pngPath,
        IReadOnlyList<SpikeRecord> spikes,
        RecordingLayout layout,
        double durationMs,
        int maxPoints = 200_000,
        int width = DefaultWidth,
        int height = DefaultHeight,
        double binMs = DefaultBinMs,
        string? title = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(layout);
        if (!(durationMs > 0) || double.IsInfinity(durationMs))
        {
            throw new ArgumentOutOfRangeException(nameof(durationMs), durationMs, "the duration must be a positive number of ms");
        }
        if (!(binMs > 0) || double.IsInfinity(binMs))
        {
            throw new ArgumentOutOfRangeException(nameof(binMs), binMs, "the bin width must be a positive number of ms");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);

        PlotFonts.EnsureRegistered();
        var populations = layout.Populations.Count;
        var offsets = new int[populations + 1];
        for (var p = 0; p < populations; p++)
        {
            offsets[p + 1] = offsets[p] + Math.Max(0, layout.PopulationSizes[p]);
        }
        binMs = Math.Max(binMs, durationMs / MaxBins);
        var colors = Enumerable.Range(0, populations).Select(PopulationColor).ToArray();

        using var raster = new Plot();
        var plotted = AddRaster(raster, spikes, layout, offsets, colors, maxPoints);
        raster.YLabel("neuron");
        if (title is not null)
        {
            raster.Title(title);
        }
        PlotFonts.Apply(raster);
        raster.Axes.SetLimits(0, durationMs, -0.5, Math.Max(1, offsets[populations]) - 0.5);

        using var rates = new Plot();
        var maxRate = AddRates(rates, spikes, layout, durationMs, binMs, colors);
        rates.XLabel("time (ms)");
        rates.YLabel("rate (Hz)");
        PlotFonts.Apply(rates);
        rates.Axes.SetLimits(0, durationMs, 0, maxRate > 0 ? maxRate * 1.1 : 1);

        // Equal left/right padding, so the two panels' time axes line up.
        var split = (int)MathF.Round(height * RasterShare);
        raster.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 30, title is null ? 15 : 40));
        rates.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 50, 10));

        using var surface = StackedPanels.CreateSurface(width, height);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        // Each panel on its own surface: ScottPlot clears the whole canvas it renders on.
        StackedPanels.DrawPanel(canvas, raster, width, split, 0);
        StackedPanels.DrawPanel(canvas, rates, width, height - split, split);

        StackedPanels.SavePng(surface, pngPath);
        return new RasterPlotResult(spikes.Count, plotted, binMs);
    }

    /// <summary>The colour of population <paramref name="index"/> (Category10 palette).</summary>
    public static Color PopulationColor(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    private static int AddRaster(Plot plot, IReadOnlyList<SpikeRecord> spikes, RecordingLayout layout, int[] offsets, Color[] colors, int maxPoints)
    {
        var populations = colors.Length;
        var xs = new List<double>[populations];
        var ys = new List<double>[populations];
        for (var p = 0; p < populations; p++)
        {
            xs[p] = [];
            ys[p] = [];
        }

        // Bernoulli subsample with a fixed seed: unbiased across populations and time, same picture every run.
        var keep = spikes.Count <= maxPoints ? 1.0 : (double)maxPoints / spikes.Count;
#pragma warning disable CA5394 // Not security: a reproducible thinning of the points to draw.
        var random = new Random(12345);
        var plotted = 0;
        foreach (var spike in spikes)
        {
            if ((uint)spike.Population >= (uint)populations || (keep < 1 && random.NextDouble() >= keep))
            {
                continue;
            }
            xs[spike.Population].Add(spike.Step * layout.Dt);
            ys[spike.Population].Add(offsets[spike.Population] + spike.Neuron);
            plotted++;
        }
#pragma warning restore CA5394

        var markerSize = plotted > 50_000 ? 1.5f : plotted > 5_000 ? 2.5f : 4f;
        for (var p = 0; p < populations; p++)
        {
            if (p > 0)
            {
                var separator = plot.Add.HorizontalLine(offsets[p] - 0.5, 1, Colors.Gray.WithAlpha(0.6), LinePattern.Dashed);
                separator.LegendText = "";
            }
            var scatter = plot.Add.ScatterPoints(xs[p], ys[p], colors[p]);
            scatter.MarkerShape = MarkerShape.FilledSquare;
            scatter.MarkerSize = markerSize;
            scatter.LegendText = $"{layout.Populations[p]} ({layout.PopulationSizes[p]})";
        }
        plot.ShowLegend(Alignment.UpperRight);
        return plotted;
    }

    private static double AddRates(Plot plot, IReadOnlyList<SpikeRecord> spikes, RecordingLayout layout, double durationMs, double binMs, Color[] colors)
    {
        var populations = colors.Length;
        var bins = Math.Max(1, (int)Math.Ceiling(durationMs / binMs));
        var counts = new double[populations, bins];
        foreach (var spike in spikes)
        {
            if ((uint)spike.Population >= (uint)populations)
            {
                continue;
            }
            var bin = (int)Math.Floor(spike.Step * layout.Dt / binMs);
            if (bin >= 0 && bin < bins)
            {
                counts[spike.Population, bin]++;
            }
        }

        var centers = new double[bins];
        for (var b = 0; b < bins; b++)
        {
            centers[b] = (b + 0.5) * binMs;
        }
        var maxRate = 0.0;
        for (var p = 0; p < populations; p++)
        {
            var size = layout.PopulationSizes[p];
            if (size <= 0)
            {
                continue;
            }
            var rate = new double[bins];
            for (var b = 0; b < bins; b++)
            {
                // The last bin may stick out past the end of the run: normalise by the time it covers.
                var covered = Math.Min(binMs, durationMs - (b * binMs));
                rate[b] = covered > 0 ? counts[p, b] / size / (covered / 1000.0) : 0;
                maxRate = Math.Max(maxRate, rate[b]);
            }
            var line = plot.Add.ScatterLine(centers, rate, colors[p]);
            line.LineWidth = 1.5f;
            line.LegendText = layout.Populations[p];
        }
        plot.ShowLegend(Alignment.UpperRight);
        return maxRate;
    }
}

using ScottPlot;
using SkiaSharp;

namespace Cortex.Plots;

/// <summary>One epoch of a training run as the learning-curve plot needs it.</summary>
/// <param name="Epoch">1-based epoch number (x axis).</param>
/// <param name="TrainLoss">Mean training loss of the epoch.</param>
/// <param name="TestLoss">Test loss after the epoch.</param>
/// <param name="TrainAccuracy">Training accuracy of the epoch, as a fraction.</param>
/// <param name="TestAccuracy">Test accuracy after the epoch, as a fraction.</param>
public sealed record LearningCurvePoint(int Epoch, double TrainLoss, double TestLoss, double TrainAccuracy, double TestAccuracy);

/// <summary>One line of a learning-curve panel: a label for the legend and its points.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="X">X values (epochs, episodes, trials).</param>
/// <param name="Y">Y values, one per x; finite.</param>
public sealed record CurveSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>One panel of a learning-curve figure: its lines, axis labels and optional fixed y range.</summary>
/// <param name="YLabel">Y axis label.</param>
/// <param name="XLabel">X axis label, or null for none.</param>
/// <param name="Series">The lines, coloured in order.</param>
public sealed record CurvePanel(string YLabel, string? XLabel, IReadOnlyList<CurveSeries> Series)
{
    /// <summary>Lower y limit; null to fit the data.</summary>
    public double? YMin { get; init; }

    /// <summary>Upper y limit; null to fit the data.</summary>
    public double? YMax { get; init; }

    /// <summary>Where the legend goes (where the curves are not).</summary>
    public Alignment Legend { get; init; } = Alignment.UpperRight;
}

/// <summary>
/// PNGs of how a run learned, panels stacked on one canvas: a training run's loss and accuracy per epoch (train and
/// test, so over- and under-fitting show at a glance), or any panels a caller builds (a task's score per episode and
/// its within-episode curve). Same embedded font as every other plot.
/// </summary>
public static class LearningCurvePlot
{
    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 900;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 700;

    private const float LeftPadding = 80;
    private const float RightPadding = 20;

    /// <summary>A training run: loss per epoch on top, accuracy (%) below; writes <paramref name="pngPath"/> (its directory is created if missing).</summary>
    public static void Save(string pngPath, IReadOnlyList<LearningCurvePoint> points, string? title = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("a learning curve needs at least one epoch", nameof(points));
        if (points.Any(p => !double.IsFinite(p.TrainLoss) || !double.IsFinite(p.TestLoss)))
            throw new ArgumentException("losses must be finite numbers", nameof(points));

        double[] epochs = [.. points.Select(p => (double)p.Epoch)];
        var maxLoss = points.Max(p => Math.Max(p.TrainLoss, p.TestLoss));
        var loss = new CurvePanel("loss", null,
        [
            new CurveSeries("train", epochs, [.. points.Select(p => p.TrainLoss)]),
            new CurveSeries("test", epochs, [.. points.Select(p => p.TestLoss)]),
        ]) { YMin = 0, YMax = maxLoss > 0 ? maxLoss * 1.1 : 1 };
        var lowest = points.Min(p => Math.Min(p.TrainAccuracy, p.TestAccuracy)) * 100;
        // Accuracy rises towards the top right: the legend goes where the curves are not.
        var accuracy = new CurvePanel("accuracy (%)", "epoch",
        [
            new CurveSeries("train", epochs, [.. points.Select(p => p.TrainAccuracy * 100)]),
            new CurveSeries("test", epochs, [.. points.Select(p => p.TestAccuracy * 100)]),
        ]) { YMin = Math.Max(0, Math.Floor((lowest - 5) / 10) * 10), YMax = 100.5, Legend = Alignment.LowerRight };
        Save(pngPath, [loss, accuracy], title, width, height);
    }

    /// <summary>
    /// Any panels, stacked top to bottom with equal heights, each with its own x range; writes <paramref name="pngPath"/> (its
    /// directory is created if missing).
    /// </summary>
    public static void Save(string pngPath, IReadOnlyList<CurvePanel> panels, string? title = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("a figure needs at least one panel", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200 * panels.Count / 2);
        foreach (var panel in panels)
        {
            if (panel.Series.Count == 0 || panel.Series.All(s => s.X.Count == 0))
                throw new ArgumentException($"panel '{panel.YLabel}' has no points", nameof(panels));
            foreach (var series in panel.Series)
            {
                if (series.X.Count != series.Y.Count)
                    throw new ArgumentException($"series '{series.Label}' has {series.X.Count} x values and {series.Y.Count} y values", nameof(panels));
                if (series.X.Concat(series.Y).Any(v => !double.IsFinite(v)))
                    throw new ArgumentException($"series '{series.Label}' of panel '{panel.YLabel}': values must be finite numbers", nameof(panels));
            }
        }

        PlotFonts.EnsureRegistered();
        var plots = new List<Plot>();
        try
        {
            for (var i = 0; i < panels.Count; i++)
            {
                var panel = panels[i];
                var plot = new Plot();
                plots.Add(plot);
                for (var s = 0; s < panel.Series.Count; s++)
                    AddSeries(plot, [.. panel.Series[s].X], [.. panel.Series[s].Y], RasterPlot.PopulationColor(s), panel.Series[s].Label);
                if (panel.Series.Any(s => s.Label.Length > 0)) plot.ShowLegend(panel.Legend);
                plot.YLabel(panel.YLabel);
                if (panel.XLabel is not null) plot.XLabel(panel.XLabel);
                if (i == 0 && title is not null) plot.Title(title);
                PlotFonts.Apply(plot);
                var ys = panel.Series.SelectMany(s => s.Y).ToList();
                var low = panel.YMin ?? ys.Min();
                var high = panel.YMax ?? ys.Max();
                if (panel.YMin is null && panel.YMax is null) (low, high) = Pad(low, high);
                else if (high <= low) high = low + 1;
                var xs = panel.Series.SelectMany(s => s.X).ToList();
                var first = xs.Min();
                var last = Math.Max(xs.Max(), first + 1);
                plot.Axes.SetLimits(first - 0.5, last + 0.5, low, high);
                var top = i == 0 ? (title is null ? 15 : 40) : 10;
                plot.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, panel.XLabel is null ? 30 : 50, top));
            }

            using var surface = StackedPanels.CreateSurface(width, height);
            surface.Canvas.Clear(SKColors.White);
            var y = 0;
            for (var i = 0; i < plots.Count; i++)
            {
                var panelHeight = i == plots.Count - 1 ? height - y : height / plots.Count;
                StackedPanels.DrawPanel(surface.Canvas, plots[i], width, panelHeight, y);
                y += panelHeight;
            }

            StackedPanels.SavePng(surface, pngPath);
        }
        finally
        {
            foreach (var plot in plots) plot.Dispose();
        }
    }

    // A range around the data with a margin, never empty.
    private static (double Low, double High) Pad(double low, double high)
    {
        var span = high - low;
        var margin = span > 0 ? span * 0.05 : Math.Max(Math.Abs(high) * 0.05, 0.5);
        return (low - margin, high + margin);
    }

    private static void AddSeries(Plot plot, double[] x, double[] y, Color color, string label)
    {
        var line = plot.Add.Scatter(x, y, color);
        line.LineWidth = 2;
        line.MarkerSize = x.Length > 60 ? 0 : 6;
        line.LegendText = label;
    }
}

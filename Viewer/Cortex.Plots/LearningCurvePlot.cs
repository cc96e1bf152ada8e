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

/// <summary>
/// A PNG of a training run: loss per epoch on top, accuracy (%) per epoch below, train and test in both,
/// so over- and under-fitting show at a glance. Same embedded font as every other plot.
/// </summary>
public static class LearningCurvePlot
{
    /// <summary>Default image width in pixels.</summary>
    public const int DefaultWidth = 900;

    /// <summary>Default image height in pixels.</summary>
    public const int DefaultHeight = 700;

    private const float LeftPadding = 80;
    private const float RightPadding = 20;

    /// <summary>Renders both panels and writes them to <paramref name="pngPath"/> (its directory is created if missing).</summary>
    public static void Save(string pngPath, IReadOnlyList<LearningCurvePoint> points, string? title = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("a learning curve needs at least one epoch", nameof(points));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);
        if (points.Any(p => !double.IsFinite(p.TrainLoss) || !double.IsFinite(p.TestLoss)))
            throw new ArgumentException("losses must be finite numbers", nameof(points));

        PlotFonts.EnsureRegistered();
        double[] epochs = [.. points.Select(p => (double)p.Epoch)];
        var first = epochs.Min();
        var last = Math.Max(epochs.Max(), first + 1);
        var trainColor = RasterPlot.PopulationColor(0);
        var testColor = RasterPlot.PopulationColor(1);

        using var loss = new Plot();
        AddSeries(loss, epochs, [.. points.Select(p => p.TrainLoss)], trainColor, "train");
        AddSeries(loss, epochs, [.. points.Select(p => p.TestLoss)], testColor, "test");
        loss.ShowLegend(Alignment.UpperRight);
        loss.YLabel("loss");
        if (title is not null) loss.Title(title);
        PlotFonts.Apply(loss);
        var maxLoss = points.Max(p => Math.Max(p.TrainLoss, p.TestLoss));
        loss.Axes.SetLimits(first - 0.5, last + 0.5, 0, maxLoss > 0 ? maxLoss * 1.1 : 1);

        using var accuracy = new Plot();
        AddSeries(accuracy, epochs, [.. points.Select(p => p.TrainAccuracy * 100)], trainColor, "train");
        AddSeries(accuracy, epochs, [.. points.Select(p => p.TestAccuracy * 100)], testColor, "test");
        // Accuracy rises towards the top right: the legend goes where the curves are not.
        accuracy.ShowLegend(Alignment.LowerRight);
        accuracy.XLabel("epoch");
        accuracy.YLabel("accuracy (%)");
        PlotFonts.Apply(accuracy);
        var lowest = points.Min(p => Math.Min(p.TrainAccuracy, p.TestAccuracy)) * 100;
        accuracy.Axes.SetLimits(first - 0.5, last + 0.5, Math.Max(0, Math.Floor((lowest - 5) / 10) * 10), 100.5);

        var split = height / 2;
        loss.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 30, title is null ? 15 : 40));
        accuracy.Layout.Fixed(new PixelPadding(LeftPadding, RightPadding, 50, 10));

        using var surface = StackedPanels.CreateSurface(width, height);
        surface.Canvas.Clear(SKColors.White);
        StackedPanels.DrawPanel(surface.Canvas, loss, width, split, 0);
        StackedPanels.DrawPanel(surface.Canvas, accuracy, width, height - split, split);

        var directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed");
        using var file = File.Create(pngPath);
        png.SaveTo(file);
    }

    private static void AddSeries(Plot plot, double[] epochs, double[] values, Color color, string label)
    {
        var line = plot.Add.Scatter(epochs, values, color);
        line.LineWidth = 2;
        line.MarkerSize = epochs.Length > 60 ? 0 : 6;
        line.LegendText = label;
    }
}

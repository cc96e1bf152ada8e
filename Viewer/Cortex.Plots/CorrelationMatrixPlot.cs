using ScottPlot;

namespace Cortex.Plots;

/// <summary>A PNG heatmap of a square correlation matrix (e.g. simulated functional connectivity between brain regions), −1 to 1, with a colour bar.</summary>
public static class CorrelationMatrixPlot
{
    /// <summary>Renders <paramref name="matrix"/> (cell [i, j] at x = j, y = i, so the diagonal runs from bottom left to top right) and writes it as a PNG.</summary>
    /// <param name="pngPath">The file to write (its directory is created if missing).</param>
    /// <param name="matrix">A square matrix of values in [−1, 1]; NaN cells are left blank.</param>
    /// <param name="title">Title above the heatmap.</param>
    /// <param name="axisLabel">Label of both axes (e.g. "region").</param>
    /// <param name="size">Image width and height in pixels.</param>
    public static void Save(string pngPath, double[,] matrix, string title, string axisLabel = "region", int size = 900)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.GetLength(0) != matrix.GetLength(1) || matrix.GetLength(0) == 0)
            throw new ArgumentException($"the matrix must be square and non-empty, got {matrix.GetLength(0)}×{matrix.GetLength(1)}", nameof(matrix));
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 200);

        PlotFonts.EnsureRegistered();
        using var plot = new Plot();
        // ScottPlot draws the first row at the top; flip the rows so that row i sits at y = i, matching the axis ticks.
        var n = matrix.GetLength(0);
        var flipped = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) flipped[n - 1 - i, j] = matrix[i, j];
        var heatmap = plot.Add.Heatmap(flipped);
        heatmap.Colormap = new ScottPlot.Colormaps.MellowRainbow();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        plot.Add.ColorBar(heatmap);
        plot.Title(title);
        plot.XLabel(axisLabel);
        plot.YLabel(axisLabel);
        PlotFonts.Apply(plot);
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);

        var directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        plot.SavePng(pngPath, size + 100, size);
    }
}

using ScottPlot;
using SkiaSharp;

namespace Cortex.Plots;

/// <summary>Figures made of plots stacked vertically on one canvas (raster over rate, loss over accuracy).</summary>
internal static class StackedPanels
{
    public static SKSurface CreateSurface(int width, int height) =>
        SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
        ?? throw new InvalidOperationException($"could not create a {width}×{height} drawing surface");

    // Each panel on its own surface: ScottPlot clears the whole canvas it renders on.
    public static void DrawPanel(SKCanvas target, Plot plot, int width, int height, int top)
    {
        using var surface = CreateSurface(width, height);
        plot.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        target.DrawImage(image, 0, top);
    }

    /// <summary>Writes the finished figure as a PNG, creating the folder it goes into.</summary>
    public static void SavePng(SKSurface surface, string pngPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("PNG encoding failed");
        using var file = File.Create(pngPath);
        png.SaveTo(file);
    }
}

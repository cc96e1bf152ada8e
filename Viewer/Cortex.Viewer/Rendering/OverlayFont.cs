using SkiaSharp;

namespace Cortex.Viewer.Rendering;

/// <summary>The embedded DejaVu Sans, so labels look the same on every machine and need no fontconfig.</summary>
internal static class OverlayFont
{
    private static readonly Lazy<SKTypeface> Shared = new(() =>
    {
        using var stream = typeof(OverlayFont).Assembly.GetManifestResourceStream("Cortex.Viewer.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("the embedded font Cortex.Viewer.Fonts.DejaVuSans.ttf is missing from the assembly");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("the embedded font does not load");
    });

    /// <summary>The typeface.</summary>
    public static SKTypeface Typeface => Shared.Value;
}

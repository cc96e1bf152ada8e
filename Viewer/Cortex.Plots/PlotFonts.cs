using ScottPlot;
using SkiaSharp;

namespace Cortex.Plots;

/// <summary>
/// The font of every plot: DejaVu Sans, embedded in this assembly and handed to ScottPlot through a font
/// resolver placed before the system one, so plots render the same on a server with no fonts installed
/// (the Linux native assets come without fontconfig).
/// </summary>
public static class PlotFonts
{
    /// <summary>The font name plots use; only the embedded resolver knows it.</summary>
    public const string Name = "Cortex Sans";

    private const string Resource = "Cortex.Plots.Fonts.DejaVuSans.ttf";
    private static readonly Lock Gate = new();
    private static SKTypeface? _typeface;
    private static bool _registered;

    /// <summary>The embedded typeface (loaded once, never disposed: ScottPlot caches it).</summary>
    public static SKTypeface Typeface
    {
        get
        {
            EnsureRegistered();
            return _typeface!;
        }
    }

    /// <summary>Sets every label, tick and legend entry of <paramref name="plot"/> to the embedded font; call after the labels exist.</summary>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Font.Set(Name);
        plot.Legend.FontName = Name;
    }

    /// <summary>Loads the embedded font and registers its resolver with ScottPlot (once per process).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }
            using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream(Resource)
                ?? throw new InvalidOperationException($"embedded font {Resource} is missing");
            using var data = SKData.Create(stream);
            _typeface = SKTypeface.FromData(data)
                ?? throw new InvalidOperationException($"embedded font {Resource} could not be loaded");
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver(_typeface));
            _registered = true;
        }
    }

    private sealed class EmbeddedFontResolver(SKTypeface typeface) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            string.Equals(fontName, Name, StringComparison.Ordinal) ? typeface : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, Name, StringComparison.Ordinal) ? typeface : null;
    }
}

using System.Numerics;

namespace Cortex.Viewer.Scene;

/// <summary>
/// Colours for populations and regions: saturated hues that stay distinct on a dark background
/// (after Tableau 10, brightened), then golden-angle hues beyond the first ten.
/// </summary>
public static class Palette
{
    private static readonly Vector3[] Base =
    [
        Rgb(0x4E, 0xA8, 0xFF), // blue
        Rgb(0xFF, 0x8C, 0x3A), // orange
        Rgb(0x5C, 0xE0, 0x7A), // green
        Rgb(0xFF, 0x5A, 0x6E), // red
        Rgb(0xB6, 0x8C, 0xFF), // violet
        Rgb(0xFF, 0xD8, 0x4A), // yellow
        Rgb(0x3F, 0xE0, 0xD8), // teal
        Rgb(0xFF, 0x8F, 0xD0), // pink
        Rgb(0xC8, 0xA0, 0x78), // tan
        Rgb(0xA0, 0xB4, 0xC8), // grey-blue
    ];

    /// <summary>The colour of item <paramref name="index"/> (linear RGB in [0, 1]).</summary>
    public static Vector3 Colour(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Base.Length) return Base[index];
        var hue = (index * 137.50776) % 360.0;
        return FromHsv(hue, 0.65, 1.0);
    }

    /// <summary>An HSV colour (hue in degrees, saturation and value in [0, 1]) as RGB.</summary>
    public static Vector3 FromHsv(double hue, double saturation, double value)
    {
        var c = value * saturation;
        var h = (hue % 360 + 360) % 360 / 60;
        var x = c * (1 - Math.Abs(h % 2 - 1));
        var (r, g, b) = (int)h switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var m = value - c;
        return new Vector3((float)(r + m), (float)(g + m), (float)(b + m));
    }

    private static Vector3 Rgb(int r, int g, int b) => new(r / 255f, g / 255f, b / 255f);
}

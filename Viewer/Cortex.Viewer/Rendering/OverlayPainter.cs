using System.Globalization;
using System.Numerics;
using SkiaSharp;

namespace Cortex.Viewer.Rendering;

/// <summary>What the text overlay shows in one frame.</summary>
internal sealed record OverlayContent(
    string? TimeStamp,
    string? Caption,
    string? LegendTitle,
    IReadOnlyList<LegendEntry> Legend,
    string? Notice,
    IReadOnlyList<(string Text, Vector2 Pixel, Vector3 Colour)> Labels,
    float PixelsPerMicrometre);

/// <summary>
/// Rasterises the overlay (time stamp, caption, legend, region labels, scale bar, default-layout notice) with
/// SkiaSharp into a premultiplied RGBA bitmap, top row first. Sizes scale with the image height (720 px = 1).
/// </summary>
internal static class OverlayPainter
{
    /// <summary>Legend lines shown before "… N more".</summary>
    public const int MaxLegendEntries = 14;

    private static readonly float[] RoundSteps = [1f, 2f, 5f, 10f];

    public static void Paint(SKCanvas canvas, int width, int height, OverlayContent content)
    {
        canvas.Clear(SKColors.Transparent);
        var scale = MathF.Max(0.6f, height / 720f);
        using var font = new SKFont(OverlayFont.Typeface, 13 * scale) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { IsAntialias = true };

        // Labels in the given order (most important first); one that would overlap a label already placed is left out.
        var placed = new List<SKRect>();
        font.Size = 10.5f * scale;
        foreach (var (text, pixel, colour) in content.Labels)
        {
            if (pixel.X < 0 || pixel.Y < 0 || pixel.X > width || pixel.Y > height) continue;
            var x = pixel.X + 7 * scale;
            var y = pixel.Y - 5 * scale;
            var box = new SKRect(x - 2 * scale, y - font.Size - 2 * scale, x + font.MeasureText(text) + 2 * scale, y + 3 * scale);
            if (placed.Any(p => p.IntersectsWith(box))) continue;
            placed.Add(box);
            paint.Color = Colour(Vector3.Lerp(colour, Vector3.One, 0.55f), 0.85f);
            canvas.DrawText(text, x, y, font, paint);
        }

        var margin = 22 * scale;
        if (content.TimeStamp is { } stamp)
        {
            font.Size = 30 * scale;
            paint.Color = new SKColor(235, 240, 250, 235);
            canvas.DrawText(stamp, margin, margin + 28 * scale, font, paint);
            if (content.Caption is { } caption)
            {
                font.Size = 14 * scale;
                paint.Color = new SKColor(160, 172, 196, 220);
                canvas.DrawText(caption, margin, margin + 52 * scale, font, paint);
            }
        }

        if (content.LegendTitle is { } title && content.Legend.Count > 0)
        {
            PaintLegend(canvas, width, scale, font, paint, title, content.Legend);
        }

        if (content.Notice is { } notice)
        {
            font.Size = 13 * scale;
            paint.Color = new SKColor(255, 196, 90, 230);
            canvas.DrawText(notice, margin, height - margin, font, paint);
        }

        if (content.PixelsPerMicrometre > 0)
        {
            PaintScaleBar(canvas, width, height, scale, font, paint, content.PixelsPerMicrometre);
        }
    }

    private static void PaintLegend(SKCanvas canvas, int width, float scale, SKFont font, SKPaint paint, string title, IReadOnlyList<LegendEntry> entries)
    {
        font.Size = 13 * scale;
        var lineHeight = 20 * scale;
        var shown = entries.Take(MaxLegendEntries).ToList();
        var more = entries.Count - shown.Count;
        var texts = shown.Select(e => e.Name).Append(title).ToList();
        if (more > 0) texts.Add($"… {more} more");
        var textWidth = texts.Max(t => font.MeasureText(t));
        var panelWidth = textWidth + 44 * scale;
        var panelHeight = (shown.Count + 1 + (more > 0 ? 1 : 0)) * lineHeight + 16 * scale;
        var left = width - panelWidth - 22 * scale;
        var top = 22 * scale;
        paint.Color = new SKColor(8, 10, 18, 150);
        canvas.DrawRoundRect(new SKRect(left, top, left + panelWidth, top + panelHeight), 8 * scale, 8 * scale, paint);
        var x = left + 14 * scale;
        var y = top + 8 * scale + lineHeight * 0.75f;
        paint.Color = new SKColor(170, 180, 205, 230);
        canvas.DrawText(title, x, y, font, paint);
        foreach (var entry in shown)
        {
            y += lineHeight;
            paint.Color = Colour(entry.Colour, 1f);
            canvas.DrawCircle(x + 5 * scale, y - 4.5f * scale, 5 * scale, paint);
            paint.Color = new SKColor(225, 230, 242, 235);
            canvas.DrawText(entry.Name, x + 18 * scale, y, font, paint);
        }
        if (more > 0)
        {
            y += lineHeight;
            paint.Color = new SKColor(150, 160, 185, 220);
            canvas.DrawText($"… {more} more", x + 18 * scale, y, font, paint);
        }
    }

    private static void PaintScaleBar(SKCanvas canvas, int width, int height, float scale, SKFont font, SKPaint paint, float pixelsPerMicrometre)
    {
        // A round length (1, 2 or 5 × 10^k µm) near 110 px at the target's depth.
        var wanted = 110 * scale / pixelsPerMicrometre;
        var power = MathF.Pow(10, MathF.Floor(MathF.Log10(wanted)));
        var length = RoundSteps.Select(m => m * power).Last(l => l <= wanted * 1.01f || l == power);
        var pixels = length * pixelsPerMicrometre;
        var right = width - 22 * scale;
        var y = height - 26 * scale;
        paint.Color = new SKColor(200, 208, 225, 200);
        paint.StrokeWidth = 2 * scale;
        canvas.DrawLine(right - pixels, y, right, y, paint);
        canvas.DrawLine(right - pixels, y - 4 * scale, right - pixels, y + 4 * scale, paint);
        canvas.DrawLine(right, y - 4 * scale, right, y + 4 * scale, paint);
        font.Size = 12 * scale;
        var label = length >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{length / 1000:0.###} mm")
            : string.Create(CultureInfo.InvariantCulture, $"{length:0.###} µm");
        canvas.DrawText(label, right - pixels / 2 - font.MeasureText(label) / 2, y - 8 * scale, font, paint);
    }

    private static SKColor Colour(Vector3 c, float alpha) => new(
        (byte)Math.Clamp(c.X * 255, 0, 255), (byte)Math.Clamp(c.Y * 255, 0, 255), (byte)Math.Clamp(c.Z * 255, 0, 255), (byte)Math.Clamp(alpha * 255, 0, 255));
}

using SkiaSharp;

namespace Cortex.Viewer.Output;

/// <summary>Writes GL read-back pixels (RGBA, bottom row first) as a PNG, top row first as image files expect.</summary>
public static class PngImage
{
    /// <summary>Saves <paramref name="rgbaBottomUp"/> (<paramref name="width"/>·<paramref name="height"/>·4 bytes) to <paramref name="path"/>.</summary>
    public static void Save(ReadOnlySpan<byte> rgbaBottomUp, int width, int height, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (rgbaBottomUp.Length < width * height * 4) throw new ArgumentException($"needs {width * height * 4} bytes", nameof(rgbaBottomUp));
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        var row = width * 4;
        for (var y = 0; y < height; y++)
        {
            rgbaBottomUp.Slice((height - 1 - y) * row, row).CopyTo(pixels.Slice(y * row, row));
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}

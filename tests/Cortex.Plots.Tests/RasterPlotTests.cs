using System.Buffers.Binary;
using System.Diagnostics;
using Cortex.Recording;
using SkiaSharp;
using Xunit;

namespace Cortex.Plots.Tests;

public sealed class RasterPlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cortex-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Save_WritesNonEmptyPngWithSignatureAndRequestedSize()
    {
        var path = Path.Combine(_dir, "nested", "raster.png");

        var result = SampleRun.Render(path, width: 900, height: 600);

        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"PNG is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        // IHDR is the first chunk: width and height, big-endian, at bytes 16..23.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(900, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal(result.TotalSpikes, result.PlottedSpikes);
        Assert.Equal(RasterPlot.DefaultBinMs, result.BinMs);
    }

    [Fact]
    public void Save_DrawsEveryPopulationInItsOwnColour()
    {
        var path = Path.Combine(_dir, "colours.png");
        SampleRun.Render(path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        for (var p = 0; p < SampleRun.Layout.Populations.Count; p++)
        {
            var colour = RasterPlot.PopulationColor(p);
            var count = CountPixels(bitmap, colour.Red, colour.Green, colour.Blue);
            Assert.True(count > 100, $"population {p} colour found in only {count} pixels");
        }
    }

    [Fact]
    public void Save_DrawsText()
    {
        var path = Path.Combine(_dir, "text.png");
        SampleRun.Render(path);

        // The left margin holds only tick labels and the y label: with no font it would be blank.
        using var bitmap = SKBitmap.Decode(path);
        var dark = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < 60; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 100 && c.Green < 100 && c.Blue < 100)
                {
                    dark++;
                }
            }
        }
        Assert.True(dark > 200, $"only {dark} dark pixels in the label margin");
    }

    [Fact]
    public void Save_SubsamplesRasterToMaxPoints_ButKeepsEverySpikeForRates()
    {
        var layout = new RecordingLayout(["a"], [1000], [], 0.1);
        var spikes = new List<SpikeRecord>();
        for (var i = 0; i < 300_000; i++)
        {
            spikes.Add(new SpikeRecord(0, i % 1000, i / 300));
        }
        var path = Path.Combine(_dir, "dense.png");

        var result = RasterPlot.Save(path, spikes, layout, 100, maxPoints: 10_000);

        Assert.Equal(300_000, result.TotalSpikes);
        Assert.InRange(result.PlottedSpikes, 9_500, 10_500);
        Assert.True(new FileInfo(path).Length > 0);
    }

    [Fact]
    public void Save_WithNoSpikes_StillWritesPng()
    {
        var path = Path.Combine(_dir, "empty.png");

        var result = RasterPlot.Save(path, [], SampleRun.Layout, 100);

        Assert.Equal(0, result.PlottedSpikes);
        Assert.Equal(PngSignature, File.ReadAllBytes(path)[..8]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Save_RejectsNonPositiveDuration(double durationMs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RasterPlot.Save(Path.Combine(_dir, "x.png"), [], SampleRun.Layout, durationMs));
    }

    [Fact]
    public void ScottPlotResolvesThePlotFontToTheEmbeddedTypeface()
    {
        PlotFonts.EnsureRegistered();

        var typeface = ScottPlot.Fonts.GetTypeface(PlotFonts.Name, bold: false, italic: false);

        Assert.Same(PlotFonts.Typeface, typeface);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(typeface.GlyphCount > 1000);
    }

    [HiddenFontsFact]
    public void Save_WithSystemFontsHidden_RendersTheSameImage()
    {
        var withFonts = Path.Combine(_dir, "with-fonts.png");
        var withoutFonts = Path.Combine(_dir, "without-fonts.png");
        SampleRun.Render(withFonts);

        var output = HiddenFonts.RunRenderer(withoutFonts);

        Assert.Contains("system-font-families=0", output, StringComparison.Ordinal);
        using var expected = SKBitmap.Decode(withFonts);
        using var actual = SKBitmap.Decode(withoutFonts);
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.True(expected.Bytes.AsSpan().SequenceEqual(actual.Bytes), "image rendered without system fonts differs");
    }

    private static int CountPixels(SKBitmap bitmap, byte r, byte g, byte b)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - r) < 8 && Math.Abs(c.Green - g) < 8 && Math.Abs(c.Blue - b) < 8)
                {
                    count++;
                }
            }
        }
        return count;
    }
}

/// <summary>Runs the test assembly as a program in a mount namespace where /usr/share/fonts is empty.</summary>
internal static class HiddenFonts
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why the fonts cannot be hidden here, or null when they can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public static string RunRenderer(string pngPath)
    {
        var assembly = typeof(HiddenFonts).Assembly.Location;
        var script = "mount -t tmpfs tmpfs /usr/share/fonts && "
            + "if [ -d /usr/local/share/fonts ]; then mount -t tmpfs tmpfs /usr/local/share/fonts; fi && "
            + "exec \"$0\" \"$@\"";
        var (code, output) = Run("unshare", ["-m", "--", "/bin/sh", "-c", script, DotnetHost(), assembly, "render-raster", pngPath]);
        Assert.True(code == 0, $"renderer exited with {code}:\n{output}");
        return output;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "hiding system fonts needs Linux mount namespaces";
        }
        if (!Environment.IsPrivilegedProcess)
        {
            return "hiding system fonts needs root (unshare -m, mount tmpfs)";
        }
        if (!Directory.Exists("/usr/share/fonts"))
        {
            return "no /usr/share/fonts: the system has no fonts to hide (the other tests already run without them)";
        }
        try
        {
            var (code, output) = Run("unshare", ["-m", "--", "/bin/sh", "-c", "mount -t tmpfs tmpfs /usr/share/fonts"]);
            return code == 0 ? null : $"unshare/mount not permitted here: {output.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"unshare not available: {ex.Message}";
        }
    }

    private static string DotnetHost()
    {
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return process;
        }
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }
        return "dotnet";
    }

    private static (int Code, string Output) Run(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout + stderr.Result);
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}

/// <summary>A fact skipped, with the reason, where system fonts cannot be hidden.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HiddenFontsFactAttribute : FactAttribute
{
    public HiddenFontsFactAttribute()
    {
        if (HiddenFonts.WhyUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

using Cortex.Recording;
using SkiaSharp;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex render</c>: a still from a recorded run, and one error line for each way the input can be unusable.</summary>
public class RenderCommandTests
{
    private static bool UnderCi => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    [Fact]
    public void ARunRecordsItsLayoutAndRendersToAPng()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        var run = Cli.Run("run", dir.Write("small.json", Specs.Small()), "--no-plot", "--out", outDir);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var layout = ParquetLayoutFile.Read(outDir);
        Assert.Equal(ParquetRecordingReader.ReadMetadata(Path.Combine(outDir, "spikes.parquet"))[ParquetSpikeSink.PopulationsKey],
            System.Text.Json.JsonSerializer.Serialize(layout.Populations.Select(p => p.Name)));

        var png = dir.File("still.png");
        var render = Cli.Run("render", outDir, "--out", png, "--size", "320x180", "--time", "50 ms", "--samples", "0");
        if (render.ExitCode == ExitCodes.BadInput && !UnderCi && render.Err.Contains("EGL", StringComparison.Ordinal)) return; // no OpenGL here (outside CI only)
        Assert.True(render.ExitCode == ExitCodes.Ok, render.ToString());
        using var image = SKBitmap.Decode(png);
        Assert.Equal((320, 180), (image.Width, image.Height));
        // Not blank: the neurons and the time stamp are drawn over the dark background.
        Assert.Contains(image.Pixels, p => p.Red + p.Green + p.Blue > 300);
        Assert.Contains("t = 50.0 ms", render.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRecordingIsOneErrorLine()
    {
        var result = Cli.Run("render", "/nonexistent/cortex-recording");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("no such recording directory", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordingWithoutLayoutIsOneErrorLineSayingHowToGetIt()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        Assert.Equal(ExitCodes.Ok, Cli.Run("run", dir.Write("small.json", Specs.Small(duration: "20 ms")), "--no-plot", "--out", outDir).ExitCode);
        File.Delete(Path.Combine(outDir, ParquetLayoutFile.FileName));
        var result = Cli.Run("render", outDir);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("layout.parquet is missing", line, StringComparison.Ordinal);
        Assert.Contains("record it again", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--size", "1280by720", "--size must be WIDTHxHEIGHT")]
    [InlineData("--decay", "5 mV", "--decay: expected a time")]
    [InlineData("--camera", "zoom=3", "unknown key 'zoom'")]
    public void BadOptionsAreOneErrorLine(string option, string value, string message)
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        Assert.Equal(ExitCodes.Ok, Cli.Run("run", dir.Write("small.json", Specs.Small(duration: "20 ms")), "--no-plot", "--out", outDir).ExitCode);
        string[] args = option == "--size" ? ["render", outDir, option, value] : ["render", outDir, option, value, "--samples", "0", "--size", "64x64"];
        var result = Cli.Run(args);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}

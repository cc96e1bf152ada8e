using System.Globalization;
using System.Numerics;
using Cortex.Recording;
using Cortex.Viewer.Scene;
using SkiaSharp;
using Xunit;

namespace Cortex.Host.Tests.View;

/// <summary>
/// <c>cortex view</c> in a real window under xvfb-run with no display attached: a scripted camera path, a fixed number
/// of frames, a screenshot checked pixel by pixel, a scripted pick, and a live run whose files equal a plain run's.
/// </summary>
public sealed class ViewWindowTests
{
    private const int Width = 640;
    private const int Height = 480;

    // Far away first, then closer and turned; held from 0.5 s, so the 30th frame (29/30 s) shows the last pose.
    private const string CameraPathJson = """
        {"keyframes": [
          {"time": 0,   "yaw": 0,  "pitch": 0,  "distance": 3000, "target": [0, 0, 0]},
          {"time": 0.5, "yaw": 30, "pitch": 15, "distance": 1500, "target": [0, 0, 0]}
        ]}
        """;

    private static OrbitCamera FinalPose() => new() { Target = Vector3.Zero, YawDegrees = 30, PitchDegrees = 15, Distance = 1500 };

    [WindowFact]
    public void AScriptedReplay_OpensRendersAndCloses_AndTheNeuronSpikingAtTheShownTimeIsBright()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        var path = dir.Write("path.json", CameraPathJson);
        var png = dir.File("shot.png");
        // a[2] sits off the target, so where it lands depends on the whole projection (yaw, pitch, distance, field of view).
        var spiking = FinalPose().ProjectToPixel(TinyRecording.A[2], Width, Height);
        var quiet = FinalPose().ProjectToPixel(TinyRecording.A[0], Width, Height);
        var later = FinalPose().ProjectToPixel(TinyRecording.A[1], Width, Height);
        var click = string.Create(CultureInfo.InvariantCulture, $"{spiking.X:0.0},{spiking.Y:0.0}");

        var result = CortexProcess.Run(true, null, "view", recording, "--camera-path", path, "--frames", "30", "--size", $"{Width}x{Height}",
            "--time", "100 ms", "--speed", "0", "--screenshot", png, "--pick", click);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("viewed 30 frames", result.Out, StringComparison.Ordinal);
        Assert.Contains("picked: neuron 2 of a · 1 spike", result.Out, StringComparison.Ordinal);
        using var image = SKBitmap.Decode(png);
        Assert.Equal(Width, image.Width);
        Assert.Equal(Height, image.Height);

        // Not blank: many pixels differ clearly from the background in the corner.
        var background = image.GetPixel(Width / 2, Height - 30);
        var differing = 0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (Difference(image.GetPixel(x, y), background) > 40) differing++;
            }
        }
        Assert.True(differing > 200, $"only {differing} pixels differ from the background");

        // a[2] spikes at exactly the time shown (flash at full brightness); a[0], same population, never spikes; a[1]
        // spikes only later. Both are drawn (resting), but clearly dimmer.
        var bright = Peak(image, spiking);
        Assert.True(bright >= 200, $"the spiking neuron's pixel {spiking} peaks at {bright}");
        foreach (var other in new[] { quiet, later })
        {
            var dim = Peak(image, other);
            Assert.True(dim > Difference(background, SKColors.Black) + 15, $"the resting neuron at {other} is not drawn ({dim})");
            Assert.True(bright >= dim + 60, $"the spiking neuron ({bright}) is not clearly brighter than a resting one ({dim}) at {other}");
        }
    }

    [WindowFact]
    public void ALiveRun_EndsAfterItsFrames_AndWritesTheSameSpikesAsAPlainRun()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("small.json", Specs.Small(seed: 5, duration: "300 ms"));
        var plain = Path.Combine(dir.Path, "plain");
        var live = Path.Combine(dir.Path, "live");
        var png = dir.File("live.png");

        var reference = Cli.Run("run", spec, "--out", plain, "--no-plot");
        Assert.True(reference.ExitCode == 0, reference.ToString());
        var result = CortexProcess.Run(true, null, "view", "--live", spec, "--out", live, "--frames", "8", "--size", "320x240", "--screenshot", png);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("viewed 8 frames", result.Out, StringComparison.Ordinal);

        var expected = ParquetRecordingReader.ReadSpikeRows(Path.Combine(plain, ParquetSpikeSink.FileName));
        var actual = ParquetRecordingReader.ReadSpikeRows(Path.Combine(live, ParquetSpikeSink.FileName));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.True(File.Exists(Path.Combine(live, "summary.json")));
        using var image = SKBitmap.Decode(png);
        Assert.Equal(320, image.Width);
    }

    [WindowFact]
    public void APausedReplayWithoutACameraPath_StillEndsAfterItsFrames()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        // Paused, no path, nobody at the mouse: nothing changes between frames, yet the frames must be drawn and counted.
        var result = CortexProcess.Run(true, null, "view", recording, "--frames", "5", "--speed", "0", "--size", "320x240");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("viewed 5 frames", result.Out, StringComparison.Ordinal);
    }

    [WindowFact]
    public void BelowOpenGl33_IsOneErrorLine_SayingWhatToDo()
    {
        using var dir = new TempDirectory();
        var recording = Path.Combine(dir.Path, "rec");
        TinyRecording.Write(recording);
        // Mesa's override makes the X server's GL report 3.0, so no 3.3 core context can be made.
        var result = CortexProcess.Run(true, new Dictionary<string, string?> { ["MESA_GL_VERSION_OVERRIDE"] = "3.0" }, "view", recording, "--frames", "1");
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("OpenGL 3.3", line, StringComparison.Ordinal);
        Assert.Contains("cortex render", line, StringComparison.Ordinal);
    }

    private static int Difference(SKColor a, SKColor b) =>
        Math.Max(Math.Abs(a.Red - b.Red), Math.Max(Math.Abs(a.Green - b.Green), Math.Abs(a.Blue - b.Blue)));

    // The brightest channel within 2 px of a point (a sprite's centre may fall between pixels).
    private static int Peak(SKBitmap image, Vector2 at)
    {
        var peak = 0;
        for (var dy = -2; dy <= 2; dy++)
        {
            for (var dx = -2; dx <= 2; dx++)
            {
                var x = (int)MathF.Floor(at.X) + dx;
                var y = (int)MathF.Floor(at.Y) + dy;
                if (x < 0 || y < 0 || x >= image.Width || y >= image.Height) continue;
                var c = image.GetPixel(x, y);
                peak = Math.Max(peak, Math.Max(c.Red, Math.Max(c.Green, c.Blue)));
            }
        }
        return peak;
    }
}

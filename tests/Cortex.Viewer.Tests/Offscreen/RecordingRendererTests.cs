using System.Diagnostics;
using System.Numerics;
using Cortex.Viewer.Offscreen;
using Cortex.Viewer.Rendering;
using Cortex.Viewer.Scene;
using Cortex.Viewer.Tests.Support;
using SkiaSharp;
using Xunit;

namespace Cortex.Viewer.Tests.Offscreen;

/// <summary>From recording files to a PNG and an MP4, end to end.</summary>
public class RecordingRendererTests
{
    [GlFact]
    public void TheStillShowsTheFlashOfTheNeuronThatSpikedAtItsPixel()
    {
        using var dir = new TempFolder();
        Vector3[] points = [new(-200, 0, 0), new(200, 0, 0)];
        Recordings.Write(dir.Path, points, (1, 40.0));
        var camera = "yaw=0,pitch=0,distance=1000,target=0;0;0,fov=40";
        var png = dir.File("still.png");
        var result = RecordingRenderer.Render(new RenderRequest
        {
            OutputDirectory = dir.Path, PngPath = png, TimeMs = 40, Width = 160, Height = 90, Samples = 0, Camera = camera,
        }, RenderStyle.Plain with { FlashSizePixels = 9, PointSizePixels = 3 });
        Assert.Equal(40, result.StillTimeMs);
        using var image = SKBitmap.Decode(png);
        var parsed = OrbitCamera.Parse(camera);
        int Brightness(Vector3 p)
        {
            var at = parsed.ProjectToPixel(p, 160, 90);
            var c = image.GetPixel((int)at.X, (int)at.Y);
            return c.Red + c.Green + c.Blue;
        }
        // PNG rows run top-down: the spiking neuron (right) is brighter than the resting one (left).
        Assert.True(Brightness(points[1]) > Brightness(points[0]) + 100, $"{Brightness(points[1])} vs {Brightness(points[0])}");
    }

    [Fact]
    public void TheBusiestMomentIsWhereSpikesCrowd()
    {
        var timeline = new ActivityTimeline(10);
        timeline.AddRange([5.0, 100, 101, 102, 103, 300], [0, 1, 2, 3, 4, 5]);
        Assert.InRange(RecordingRenderer.BusiestTime(timeline, 10), 103, 110);
    }

    [VideoFact]
    public void AVideoHasOneFramePerStepOfTheRange()
    {
        using var dir = new TempFolder();
        Recordings.Write(dir.Path, [Vector3.Zero, new Vector3(100, 0, 0)], (0, 5.0), (1, 20.0));
        var video = dir.File("clip.mp4");
        // 0..40 ms at 100 ms per second of video and 50 fps: a frame every 2 ms, 21 frames.
        var result = RecordingRenderer.Render(new RenderRequest
        {
            OutputDirectory = dir.Path, VideoPath = video, FromMs = 0, ToMs = 40, Fps = 50, MsPerSecond = 100, Width = 64, Height = 48, Samples = 0,
        });
        Assert.Equal(21, result.VideoFrames);
        Assert.Equal("21", Probe(video, "stream=nb_read_frames"));
        Assert.Equal("64,48", Probe(video, "stream=width,height"));
    }

    [VideoFact]
    public void AVideoStoppedBeforeItStarts_IsItsFirstFrame_FinishedAndPlayable()
    {
        using var dir = new TempFolder();
        Recordings.Write(dir.Path, [Vector3.Zero, new Vector3(100, 0, 0)], (0, 5.0), (1, 20.0));
        var video = dir.File("clip.mp4");
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var result = RecordingRenderer.Render(new RenderRequest
        {
            OutputDirectory = dir.Path, VideoPath = video, FromMs = 0, ToMs = 40, Fps = 50, MsPerSecond = 100, Width = 64, Height = 48, Samples = 0, Stop = stop.Token,
        });
        Assert.Equal(1, result.VideoFrames);
        Assert.Equal("1", Probe(video, "stream=nb_read_frames"));
    }

    private static string Probe(string file, string entries)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", entries, "-of", "csv=p=0", file }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var text = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return text;
    }
}

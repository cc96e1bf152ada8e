using System.Diagnostics;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Output;
using Cortex.Viewer.Rendering;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Offscreen;

/// <summary>Renders a recording folder offscreen (EGL) to a PNG and/or an MP4: the engine of <c>cortex render</c> and the demo's brain.png.</summary>
public static class RecordingRenderer
{
    /// <summary>Reads the recording, renders what <paramref name="request"/> asks and writes the files.</summary>
    /// <exception cref="ArgumentException">The request has problems (the message lists them).</exception>
    /// <exception cref="ViewerUnavailableException">The recording, OpenGL or ffmpeg is missing (one line saying how to get it).</exception>
    public static RenderResult Render(RenderRequest request, RenderStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problems().FirstOrDefault() is { } problem) throw new ArgumentException(problem);
        var clock = Stopwatch.StartNew();
        var scene = BrainScene.Load(request.OutputDirectory);
        var timeline = RecordingFolder.ReadSpikes(request.OutputDirectory, scene);
        var caption = request.Caption ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.OutputDirectory)));
        var camera = OrbitCamera.Framing(scene, (float)request.Width / request.Height);
        if (request.Camera is { } text)
        {
            try
            {
                camera = OrbitCamera.Parse(text, camera);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"--camera: {e.Message}", e);
            }
        }

        using var context = OffscreenContext.Create(request.Width, request.Height, request.Samples);
        using var renderer = new SceneRenderer(context.Gl, scene, style ?? new RenderStyle());
        var brightness = new float[scene.NeuronCount];
        var pixels = new byte[request.Width * request.Height * 4];

        string? png = null;
        var stillTime = 0.0;
        if (request.PngPath is { } pngPath)
        {
            stillTime = request.TimeMs ?? request.ToMs ?? BusiestTime(timeline, request.DecayMs);
            timeline.Brightness(stillTime, request.DecayMs, brightness);
            renderer.Render(new FrameState(stillTime, brightness, caption), camera, request.Width, request.Height);
            context.ReadPixels(pixels);
            PngImage.Save(pixels, request.Width, request.Height, pngPath);
            png = pngPath;
        }

        var frames = 0;
        if (request.VideoPath is { } videoPath)
        {
            var from = request.FromMs ?? Math.Max(0, timeline.StartMs);
            var to = request.ToMs ?? Math.Max(from + request.MsPerSecond / request.Fps, timeline.EndMs);
            var step = request.MsPerSecond / request.Fps;
            var count = Math.Max(1, (int)Math.Floor((to - from) / step) + 1);
            using var video = FfmpegVideo.Start(videoPath, request.Width, request.Height, request.Fps);
            var orbit = camera.Clone();
            // Stopped, the video ends before the next frame; its first frame is always drawn, so the file is never empty.
            for (var k = 0; k < count && (k == 0 || !request.Stop.IsCancellationRequested); k++)
            {
                var t = from + k * step;
                timeline.Brightness(t, request.DecayMs, brightness);
                renderer.Render(new FrameState(t, brightness, caption), orbit, request.Width, request.Height);
                context.ReadPixels(pixels);
                video.Write(pixels);
                orbit.Orbit((float)(request.OrbitDegreesPerSecond / request.Fps), 0);
            }
            video.Finish();
            frames = video.Frames;
        }
        return new RenderResult(png, stillTime, request.VideoPath, frames, clock.Elapsed.TotalSeconds, context.Renderer,
            [.. scene.DefaultPlaced.Select(p => p.Name)]);
    }

    /// <summary>
    /// The moment with the most spikes in the preceding decay time (the brightest still), found on a grid of a tenth of a
    /// decay time; 0 when there are no spikes.
    /// </summary>
    public static double BusiestTime(ActivityTimeline timeline, double decayMs)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Count == 0) return 0;
        var times = timeline.Times();
        var step = decayMs / 10;
        var (start, end) = (times[0], times[^1]);
        var bestTime = end;
        var best = -1;
        var lo = 0;
        var hi = 0;
        for (var t = start; t <= end + step / 2; t += step)
        {
            while (hi < times.Length && times[hi] <= t) hi++;
            while (lo < hi && times[lo] < t - decayMs) lo++;
            if (hi - lo > best)
            {
                best = hi - lo;
                bestTime = t;
            }
        }
        return bestTime;
    }
}

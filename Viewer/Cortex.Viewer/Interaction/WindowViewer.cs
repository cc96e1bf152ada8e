using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Cortex.Viewer.Hosts;
using Cortex.Viewer.Live;
using Cortex.Viewer.Output;
using Cortex.Viewer.Rendering;
using Cortex.Viewer.Scene;

namespace Cortex.Viewer.Interaction;

/// <summary>
/// The interactive viewer's frame loop: poll input, move time on, follow a live run, draw, show; until the window is
/// closed or a scripted run has drawn its frames. The window's title bar carries the time, the speed and what was
/// picked; the picked item also replaces the caption line drawn under the time stamp.
/// </summary>
/// <remarks>
/// Runs on the thread that created the window. An idle replay (paused, no input) waits for events instead of redrawing
/// an unchanged picture. In live mode each frame moves at most <see cref="LiveSpikesPerFrame"/> spikes from the feed, so
/// a flood of spikes delays the picture, never the simulation (the feed's ring drops what it cannot hold).
/// </remarks>
public static class WindowViewer
{
    /// <summary>Most spikes a live frame takes from the feed.</summary>
    public const int LiveSpikesPerFrame = 1 << 20;

    private const double TitleIntervalSeconds = 0.25;

    /// <summary>Shows <paramref name="scene"/> with the activity of <paramref name="timeline"/> in <paramref name="window"/>.</summary>
    /// <param name="window">An open window (its context current on this thread).</param>
    /// <param name="scene">What to draw.</param>
    /// <param name="timeline">The spikes (a live run's grow as <paramref name="live"/> delivers them).</param>
    /// <param name="endMs">A replay's duration, ms (ignored in live mode, where the end grows).</param>
    /// <param name="options">Size, camera, time and scripting options.</param>
    /// <param name="live">The feed of a live run, or null for a replay.</param>
    /// <param name="picked">Called on this thread with each pick (null when a click hit nothing).</param>
    /// <param name="stop">Ends the loop (Ctrl+C).</param>
    public static WindowViewerResult Run(
        WindowContext window, BrainScene scene, ActivityTimeline timeline, double endMs, WindowViewerOptions options,
        LiveFeed? live = null, Action<PickResult?>? picked = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(options);

        var framing = OrbitCamera.Framing(scene);
        var camera = options.Camera is { } text ? OrbitCamera.Parse(text, framing) : framing.Clone();
        var startCamera = camera.Clone();
        var clock = new PlaybackClock(live is null ? endMs : 0, options.SpeedMsPerSecond is > 0 ? options.SpeedMsPerSecond : null, live is not null);
        if (options.SpeedMsPerSecond == 0) clock.SetSpeed(0);
        if (live is null && options.StartMs > 0) clock.Seek(options.StartMs);
        var gestures = new ViewerGestures(camera, clock, startCamera.Clone, window.Width, window.Height);
        var picker = new ScenePicker(scene, timeline);
        PickResult? pick = null;
        void Pick(Vector2 pixel)
        {
            pick = picker.Pick(camera, pixel, window.Width, window.Height, clock.EndMs);
            picked?.Invoke(pick);
        }
        gestures.Clicked += Pick;
        gestures.CloseRequested += window.RequestClose;
        window.Input = gestures;

        using var renderer = new SceneRenderer(window.Gl, scene, options.Style);
        var brightness = new float[scene.NeuronCount];
        var wall = Stopwatch.StartNew();
        var previous = 0.0;
        var nextTitle = 0.0;
        var frames = 0;
        string? screenshot = null;
        try
        {
            while (!window.ShouldClose && !stop.IsCancellationRequested)
            {
                window.PollEvents();
                var fresh = 0;
                if (live is not null)
                {
                    fresh = live.Pump(LiveSpikesPerFrame);
                    clock.ExtendEnd(live.LatestMs);
                }
                var now = wall.Elapsed.TotalSeconds;
                var frameSeconds = options.FixedFrameTime ? 1 / WindowViewerOptions.ScriptedFramesPerSecond : now - previous;
                previous = now;
                if (frames > 0) clock.Advance(frameSeconds);
                var viewerSeconds = options.FixedFrameTime ? frames / WindowViewerOptions.ScriptedFramesPerSecond : now;
                if (options.CameraPath is { } path) Apply(path.At(viewerSeconds), camera, framing);

                var last = (options.Frames is { } n && frames + 1 >= n) || (options.ExitAfterSeconds is { } s && now >= s);
                // Waiting for input would stall a run that counts frames, so only an open-ended session idles.
                var idle = options.Frames is null && frames > 0 && !last && !gestures.Changed && !clock.Playing && !clock.Following && fresh == 0
                           && options.CameraPath is null;
                if (idle)
                {
                    window.WaitEvents(0.05);
                    continue;
                }
                gestures.Changed = false;
                if (last && options.ScriptedClick is { } click) Pick(click);

                timeline.Brightness(clock.TimeMs, options.DecayMs, brightness);
                renderer.Render(new FrameState(clock.TimeMs, brightness, pick?.Label ?? options.Caption), camera, window.Width, window.Height);
                frames++;
                if (last && options.ScreenshotPath is { } file)
                {
                    PngImage.Save(window.ReadPixels(), window.Width, window.Height, file);
                    screenshot = file;
                }
                window.SwapBuffers();
                if (now >= nextTitle || last)
                {
                    window.SetTitle(Title(options.Title, clock, pick, live));
                    nextTitle = now + TitleIntervalSeconds;
                }
                if (last) break;
            }
        }
        finally
        {
            window.Input = null;
        }
        return new WindowViewerResult(frames, wall.Elapsed.TotalSeconds, clock.TimeMs, pick, screenshot, live?.Dropped ?? 0);
    }

    // A keyframe without a target keeps looking at the framing's centre.
    private static void Apply(CameraKeyframe pose, OrbitCamera camera, OrbitCamera framing)
    {
        camera.YawDegrees = (float)pose.YawDegrees;
        camera.PitchDegrees = (float)pose.PitchDegrees;
        camera.Distance = (float)pose.DistanceUm;
        camera.Target = pose.TargetUm ?? framing.Target;
    }

    private static string Title(string title, PlaybackClock clock, PickResult? pick, LiveFeed? live)
    {
        var parts = new List<string> { title, clock.ToString() };
        if (live is not null)
        {
            parts.Add(live.Finished ? "run finished" : "running");
            if (live.Dropped > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{live.Dropped:N0} spikes not shown (viewer behind)"));
        }
        if (pick is not null) parts.Add(pick.Label);
        return string.Join(" — ", parts);
    }
}

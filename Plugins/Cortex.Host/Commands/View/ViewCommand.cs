using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Cortex.Viewer;
using Cortex.Viewer.Interaction;

namespace Cortex.Host.Commands.View;

/// <summary>
/// <c>cortex view OUT_DIR</c>: replays a recording in a window (orbit, zoom, pan, play, scrub, pick);
/// <c>cortex view --live SPEC.json</c>: runs the spec as <c>cortex run</c> does and shows it as it happens.
/// With <c>--frames</c> or <c>--exit-after</c> the window closes by itself (scripted demos and tests, e.g. under xvfb-run).
/// </summary>
internal static class ViewCommand
{
    public static Command Create(CliConsole console)
    {
        var recording = new Argument<string?>("recording") { Description = "A run's output directory (spikes.parquet, layout.parquet)", Arity = ArgumentArity.ZeroOrOne };
        var live = new Option<string?>("--live") { Description = "Run this spec and show it as it happens (writes the run's files as 'cortex run' does)" };
        var output = new Option<string>("--out") { Description = "With --live: the run's output directory", DefaultValueFactory = _ => "out" };
        var backend = new Option<string>("--backend") { Description = "With --live: backend name", DefaultValueFactory = _ => "cpu" };
        var seed = new Option<ulong?>("--seed") { Description = "With --live: override the spec's seed" };
        var duration = new Option<string?>("--duration") { Description = "With --live: override the simulated time, e.g. '2 s'" };
        var threads = new Option<int>("--threads") { Description = "With --live: worker threads", DefaultValueFactory = _ => 1 };
        var size = new Option<string>("--size") { Description = "Window size WIDTHxHEIGHT", DefaultValueFactory = _ => "1280x720" };
        var decay = new Option<string>("--decay") { Description = "Time a spike's flash takes to fade by 1/e", DefaultValueFactory = _ => "20 ms" };
        var camera = new Option<string?>("--camera") { Description = "Start camera, e.g. 'yaw=-35,pitch=20,distance=1500' (degrees, µm)" };
        var cameraPath = new Option<string?>("--camera-path") { Description = "Scripted camera: JSON keyframes {time (s), yaw, pitch (degrees), distance (µm)}" };
        var frames = new Option<int?>("--frames") { Description = "Close after this many frames (each advances 1/30 s of viewer time)" };
        var exitAfter = new Option<double?>("--exit-after") { Description = "Close after this many seconds of wall time" };
        var screenshot = new Option<string?>("--screenshot") { Description = "Save the last frame as a PNG" };
        var time = new Option<string?>("--time") { Description = "Start at this simulated time (replay), e.g. '250 ms'" };
        var speed = new Option<double?>("--speed") { Description = "Playback speed in simulated ms per second (0 starts paused; default plays the recording in ~10 s)" };
        var click = new Option<string?>("--pick") { Description = "Click at pixel X,Y before the last frame and print what was picked (scripted runs)" };
        var command = new Command("view", "Show a recording, or a run as it happens, in an interactive 3D window")
        {
            recording, live, output, backend, seed, duration, threads, size, decay, camera, cameraPath, frames, exitAfter, screenshot, time, speed, click,
        };
        command.SetAction((parse, _) => Task.FromResult(ErrorReporting.Guard(console, () =>
        {
            var (width, height) = ParseSize(parse.GetValue(size)!);
            var frameCount = parse.GetValue(frames);
            if (frameCount is < 1) throw new UsageException($"--frames must be >= 1, got {frameCount}");
            var exit = parse.GetValue(exitAfter);
            if (exit is { } e && !(e > 0 && double.IsFinite(e))) throw new UsageException($"--exit-after must be a positive number of seconds, got {e.ToString(CultureInfo.InvariantCulture)}");
            var playback = parse.GetValue(speed);
            if (playback is { } p && !(p >= 0 && double.IsFinite(p))) throw new UsageException($"--speed must be a number of ms per second >= 0, got {p.ToString(CultureInfo.InvariantCulture)}");
            var decayMs = TimeOption.Parse("--decay", parse.GetValue(decay)).Value;
            if (!(decayMs > 0)) throw new UsageException($"--decay must be a positive time, got '{parse.GetValue(decay)}'");
            var startMs = parse.GetValue(time) is { } t ? TimeOption.Parse("--time", t).Value : 0;
            if (startMs < 0) throw new UsageException($"--time must be >= 0, got '{parse.GetValue(time)}'");
            var cameraText = parse.GetValue(camera);
            if (cameraText is not null) ValidateCamera(cameraText);
            CameraPath? path = null;
            if (parse.GetValue(cameraPath) is { } pathFile)
            {
                try
                {
                    path = CameraPath.Load(pathFile);
                }
                catch (CameraPathException ex)
                {
                    throw new UsageException(ex.Message);
                }
            }
            var scripted = frameCount is not null || path is not null;
            var options = new WindowViewerOptions
            {
                Width = width, Height = height, DecayMs = decayMs, Camera = cameraText, CameraPath = path, Frames = frameCount,
                ExitAfterSeconds = exit, ScreenshotPath = parse.GetValue(screenshot), StartMs = startMs, SpeedMsPerSecond = playback,
                ScriptedClick = parse.GetValue(click) is { } c ? ParsePixel(c) : null, FixedFrameTime = scripted,
            };
            var folder = parse.GetValue(recording);
            var spec = parse.GetValue(live);
            try
            {
                if (spec is not null)
                {
                    if (folder is not null) throw new UsageException("give either a recording directory or --live SPEC.json, not both");
                    var request = new RunRequest
                    {
                        SpecPath = spec, Backend = parse.GetValue(backend)!, Seed = parse.GetValue(seed), Duration = parse.GetValue(duration),
                        Threads = parse.GetValue(threads), OutputDirectory = parse.GetValue(output)!,
                    };
                    LiveView.Run(request, options, console);
                    return ExitCodes.Ok;
                }
                if (folder is null) throw new UsageException("give a recording directory (cortex view OUT_DIR) or a spec to run live (cortex view --live SPEC.json)");
                ReplayView.Run(folder, options, console);
                // The window closed at the signal; the shell still learns the viewer was stopped by it.
                if (StopRequest.Requested(console)) throw StopRequest.Stopped(console, $"the replay of {folder} was closed");
                return ExitCodes.Ok;
            }
            catch (ViewerUnavailableException ex)
            {
                console.Fail(ex.Message);
                return ExitCodes.BadInput;
            }
        })));
        return command;
    }

    internal static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w is >= 16 and <= 16384 && h is >= 16 and <= 16384)
        {
            return (w, h);
        }
        throw new UsageException($"--size must be WIDTHxHEIGHT with each between 16 and 16384 pixels, e.g. 1280x720; got '{text}'");
    }

    private static Vector2 ParsePixel(string text)
    {
        var parts = text.Split(',');
        if (parts.Length == 2
            && float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && float.IsFinite(x)
            && float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && float.IsFinite(y))
        {
            return new Vector2(x, y);
        }
        throw new UsageException($"--pick must be X,Y in pixels from the top-left, e.g. 640,360; got '{text}'");
    }

    // The camera text is checked before a window opens, so a typo is bad input (exit 2), not a failure mid-session.
    private static void ValidateCamera(string text)
    {
        try
        {
            Cortex.Viewer.Scene.OrbitCamera.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--camera: {e.Message}");
        }
    }
}

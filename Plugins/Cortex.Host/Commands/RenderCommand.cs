using System.CommandLine;
using System.Globalization;
using Cortex.Viewer;
using Cortex.Viewer.Offscreen;

namespace Cortex.Host.Commands;

/// <summary>
/// <c>cortex render OUT_DIR</c>: a 3D still (PNG) and/or video (MP4 through ffmpeg) of a recording, rendered offscreen
/// with OpenGL (EGL; Mesa's llvmpipe when there is no GPU).
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("out-dir") { Description = "A run's output directory (layout.parquet, spikes.parquet)" };
        var time = new Option<string?>("--time") { Description = "Time of the still, e.g. '250 ms' (default: the busiest moment)" };
        var from = new Option<string?>("--from") { Description = "Start of the video (default: first spike)" };
        var to = new Option<string?>("--to") { Description = "End of the video (default: last spike)" };
        var png = new Option<string?>("--out") { Description = "PNG to write (default OUT_DIR/brain.png when no --video is given)" };
        var video = new Option<string?>("--video") { Description = "MP4 to write (needs ffmpeg)" };
        var fps = new Option<double>("--fps") { Description = "Video frames per second", DefaultValueFactory = _ => 30 };
        var speed = new Option<string>("--speed") { Description = "Simulated time per second of video", DefaultValueFactory = _ => "100 ms" };
        var orbit = new Option<double>("--orbit") { Description = "Camera turn during the video, degrees per second", DefaultValueFactory = _ => 6 };
        var size = new Option<string>("--size") { Description = "Image size WIDTHxHEIGHT", DefaultValueFactory = _ => "1280x720" };
        var camera = new Option<string?>("--camera") { Description = "Camera, e.g. 'yaw=-35,pitch=20,distance=150000,target=0;0;0,fov=35' (degrees, µm; any subset)" };
        var decay = new Option<string>("--decay") { Description = "Flash decay time (brightness exp(-age/decay))", DefaultValueFactory = _ => "20 ms" };
        var samples = new Option<int>("--samples") { Description = "Multisamples per pixel (0: none, faster)", DefaultValueFactory = _ => 4 };
        var command = new Command("render", "Render a recording in 3D offscreen: a PNG still and/or an MP4 video")
        {
            directory, time, from, to, png, video, fps, speed, orbit, size, camera, decay, samples,
        };
        command.SetAction(parse => ErrorReporting.Guard(console, () =>
        {
            var outDir = parse.GetValue(directory)!;
            var (width, height) = ParseSize(parse.GetValue(size)!);
            var videoPath = parse.GetValue(video);
            var pngPath = parse.GetValue(png) ?? (videoPath is null ? Path.Combine(outDir, "brain.png") : null);
            var request = new RenderRequest
            {
                OutputDirectory = outDir,
                TimeMs = Time("--time", parse.GetValue(time)), FromMs = Time("--from", parse.GetValue(from)), ToMs = Time("--to", parse.GetValue(to)),
                PngPath = pngPath, VideoPath = videoPath, Fps = parse.GetValue(fps), MsPerSecond = TimeOption.Parse("--speed", parse.GetValue(speed)).Value,
                OrbitDegreesPerSecond = parse.GetValue(orbit), Width = width, Height = height, Camera = parse.GetValue(camera),
                DecayMs = TimeOption.Parse("--decay", parse.GetValue(decay)).Value, Samples = parse.GetValue(samples), Stop = console.Stopping,
            };
            if (request.Problems().FirstOrDefault() is { } problem) throw new UsageException(problem);
            var result = Render(request);
            Report(console, result);
            if (StopRequest.Requested(console) && result.VideoPath is { } videoFile)
                throw StopRequest.Stopped(console, $"the video was stopped after {result.VideoFrames} frames; {videoFile} holds them, finished and playable");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Renders, turning a bad camera into a usage error (the viewer's own errors are reported by <see cref="ErrorReporting"/>).</summary>
    public static RenderResult Render(RenderRequest request)
    {
        try
        {
            return RecordingRenderer.Render(request);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Prints what was written.</summary>
    public static void Report(CliConsole console, RenderResult result)
    {
        if (result.DefaultLayoutPopulations.Count > 0)
        {
            console.Out.WriteLine($"note: no recorded positions for {string.Join(", ", result.DefaultLayoutPopulations)}: drawn with the default layout (a disc per population)");
        }
        var written = new List<string>();
        if (result.PngPath is { } png) written.Add(string.Create(CultureInfo.InvariantCulture, $"{png} (t = {result.StillTimeMs:0.0} ms)"));
        if (result.VideoPath is { } video) written.Add($"{video} ({result.VideoFrames} frames)");
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rendered {string.Join(" and ", written)} in {result.Seconds:0.00} s on {result.Renderer}"));
    }

    private static double? Time(string option, string? text) => text is null ? null : TimeOption.Parse(option, text).Value;

    private static (int, int) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h))
        {
            return (w, h);
        }
        throw new UsageException($"--size must be WIDTHxHEIGHT, e.g. 1280x720, got '{text}'");
    }
}

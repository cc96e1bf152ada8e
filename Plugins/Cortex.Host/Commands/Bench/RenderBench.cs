using System.CommandLine;
using System.Text.Json;
using Cortex.Viewer.Offscreen;
using Spectre.Console;

namespace Cortex.Host.Commands.Bench;

/// <summary><c>cortex bench render</c>: frames per second of the offscreen 3D renderer (EGL; llvmpipe without a GPU) per scene size.</summary>
internal static class RenderBench
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var neurons = new Option<int[]>("--neurons") { Description = "Scene sizes", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [10_000, 100_000, 1_000_000] };
        var size = new Option<string>("--size") { Description = "Image size WIDTHxHEIGHT", DefaultValueFactory = _ => "1280x720" };
        var samples = new Option<int[]>("--samples") { Description = "Multisample counts to measure", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [0] };
        var cameras = new Option<string[]>("--camera") { Description = "Camera modes: still (replay with a fixed view), orbit (turning every frame)", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["still", "orbit"] };
        var frames = new Option<int>("--frames") { Description = "Frames timed per row (after 3 untimed)", DefaultValueFactory = _ => 20 };
        var output = new Option<string?>("--out") { Description = "Write the table as JSON to this file" };
        var command = new Command("render", "Offscreen 3D renderer: frames per second per scene size, ~1 % of neurons spiking per frame")
        {
            neurons, size, samples, cameras, frames, output,
        };
        command.SetAction(parse => ErrorReporting.Guard(console, () => StopRequest.Measuring(console, "render", () =>
        {
            var text = parse.GetValue(size)!;
            var parts = text.Split('x');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var width) || !int.TryParse(parts[1], out var height) || width < 16 || height < 16)
                throw new UsageException($"--size must be WIDTHxHEIGHT, e.g. 1280x720, got '{text}'");
            if (parse.GetValue(frames) < 1) throw new UsageException("--frames must be >= 1");
            var rows = new List<RenderBenchmarkRow>();
            foreach (var n in parse.GetValue(neurons)!.Order())
            {
                if (n < 4) throw new UsageException($"--neurons values must be >= 4, got {n}");
                foreach (var s in parse.GetValue(samples)!)
                {
                    foreach (var mode in parse.GetValue(cameras)!)
                    {
                        if (mode is not ("still" or "orbit")) throw new UsageException($"--camera must be still or orbit, got '{mode}'");
                        console.Stopping.ThrowIfCancellationRequested();
                        var row = RenderBenchmark.Measure(n, width, height, s, mode == "orbit", parse.GetValue(frames));
                        console.Out.WriteLine($"  {row.Neurons,9:N0} neurons  {s} samples  {mode,-5}  {row.FramesPerSecond,7:0.0} fps  ({row.MeanLitFraction:P1} lit per frame, setup {row.SetupSeconds:0.00} s)");
                        rows.Add(row);
                    }
                }
                GC.Collect();
            }
            var table = new Table().AddColumns("neurons", "samples", "camera", "fps", "lit / frame", "setup (s)");
            foreach (var r in rows) table.AddRow($"{r.Neurons:N0}", $"{r.Samples}", r.Orbiting ? "orbit" : "still", $"{r.FramesPerSecond:0.0}", $"{r.MeanLitFraction:P1}", $"{r.SetupSeconds:0.00}");
            console.Ansi.Write(table);
            console.Out.WriteLine($"{width}x{height} on {rows.FirstOrDefault()?.Renderer}; {Environment.ProcessorCount} CPU cores");
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "render", width, height, rows }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        })));
        return command;
    }
}

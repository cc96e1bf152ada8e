using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Cortex.Host.Commands.Train;
using Cortex.Learning.Benchmarks;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench train-mlp</c>: the surrogate-gradient training step of a 784-H-10 LIF MLP (T steps,
/// batch B, fast sigmoid, Adam) and, with <c>--compare-pytorch</c>, the same step in Debian's PyTorch
/// (tools/bench/torch_mlp_step.py) run right after it on the same machine, so the ratio is side by side.
/// </summary>
internal static class TrainingStepBench
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliConsole console)
    {
        var threads = new Option<int>("--threads") { Description = "Intra-op threads for both frameworks", DefaultValueFactory = _ => Environment.ProcessorCount };
        var steps = new Option<int>("--steps") { Description = "Timed training steps", DefaultValueFactory = _ => 10 };
        var timeSteps = new Option<int>("--time-steps") { Description = "Simulation steps T", DefaultValueFactory = _ => 25 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 128 };
        var hidden = new Option<int>("--hidden") { Description = "Hidden LIF neurons", DefaultValueFactory = _ => 512 };
        var equalWork = new Option<bool>("--equal-work")
        {
            Description = "Feed a contiguous copy of the repeated input, so the first layer multiplies all T·B rows as PyTorch does (by default a time-constant input is multiplied once)",
        };
        var compare = new Option<bool>("--compare-pytorch") { Description = "Also time the PyTorch script (needs /usr/bin/python3 with python3-torch)" };
        var script = new Option<string>("--pytorch-script") { Description = "The PyTorch reference script", DefaultValueFactory = _ => Path.Combine("tools", "bench", "torch_mlp_step.py") };
        var output = new Option<string?>("--out") { Description = "Write the results as JSON to this file" };
        var command = new Command("train-mlp", "Surrogate-gradient training step of a 784-512-10 LIF MLP (T=25, batch 128), optionally beside PyTorch")
        {
            threads, steps, timeSteps, batch, hidden, equalWork, compare, script, output,
        };
        command.SetAction(parse => LearningErrors.Guard(console, () => StopRequest.Measuring(console, "train-mlp", () =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1) throw new UsageException("--threads must be >= 1");
            if (parse.GetValue(steps) < 1 || parse.GetValue(timeSteps) < 1 || parse.GetValue(batch) < 1 || parse.GetValue(hidden) < 1)
                throw new UsageException("--steps, --time-steps, --batch and --hidden must be >= 1");
            var cortex = TrainingStepBenchmark.Run(parse.GetValue(timeSteps), parse.GetValue(batch), parse.GetValue(hidden), parse.GetValue(steps), warmup: 2, threadCount, parse.GetValue(equalWork), console.Stopping);
            console.Out.WriteLine($"cortex (TorchSharp):  median {cortex.MedianMs,8:0.0} ms/step, min {cortex.MinMs,8:0.0} ms, peak memory {cortex.PeakWorkingSetMiB:0} MiB, {cortex.Threads} threads");
            JsonElement? pytorch = null;
            if (parse.GetValue(compare))
            {
                // Stopped during the Cortex arm's last step: the PyTorch one is not started.
                console.Stopping.ThrowIfCancellationRequested();
                pytorch = RunPyTorch(parse.GetValue(script)!, threadCount, parse.GetValue(steps), parse.GetValue(timeSteps), parse.GetValue(batch), parse.GetValue(hidden));
                var median = pytorch.Value.GetProperty("median_ms").GetDouble();
                console.Out.WriteLine($"{pytorch.Value.GetProperty("framework").GetString()}:  median {median,8:0.0} ms/step, min {pytorch.Value.GetProperty("min_ms").GetDouble(),8:0.0} ms, "
                    + $"peak memory {pytorch.Value.GetProperty("peak_rss_mib").GetDouble():0} MiB");
                console.Out.WriteLine($"ratio cortex / pytorch (median): {cortex.MedianMs / median:0.000}");
            }
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "train-mlp", equal_work = parse.GetValue(equalWork), cortex, pytorch }, JsonOptions));
                console.Out.WriteLine($"wrote {path}");
            }
            return ExitCodes.Ok;
        })));
        return command;
    }

    private static JsonElement RunPyTorch(string script, int threads, int steps, int timeSteps, int batch, int hidden)
    {
        if (!File.Exists(script)) throw new UsageException($"{script}: PyTorch script not found (run from the repository root or pass --pytorch-script)");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { script, "--threads", $"{threads}", "--steps", $"{steps}", "--time-steps", $"{timeSteps}", "--batch", $"{batch}", "--hidden", $"{hidden}" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new UsageException("could not start /usr/bin/python3");
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new UsageException($"{script} failed (exit {process.ExitCode}; is python3-torch installed?): {stderr.Trim().Split('\n')[^1]}");
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}

using System.CommandLine;
using System.Text.Json;
using Cortex.Host.Commands.Train;
using Cortex.Learning.Benchmarks;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench sparse-backward CONFIG</c>: trains the config with the sparse backward pass and, in lockstep on
/// the same batches, densely with the same gradient; prints both backward times, the speed-up, both accuracies and
/// the active fraction (Perez-Nieves &amp; Goodman 2021).
/// </summary>
internal static class SparseBackwardBench
{
    // NaN stands for "not tested" in a run stopped before its first epoch ended.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create(CliConsole console)
    {
        var config = new Argument<string>("config") { Description = "Training config (JSON) with \"sparse_backward\" on at least one lif/if layer after a linear layer" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs for both arms (default: the config's)" };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Use only the first N training samples (overrides data.limit_train)" };
        var limitTest = new Option<int?>("--limit-test") { Description = "Use only the first N test samples (overrides data.limit_test)" };
        var fullSurrogate = new Option<bool>("--dense-full-surrogate")
        {
            Description = "Dense arm without sparse_backward (the surrogate everywhere: ordinary BPTT) instead of the same band-limited gradient run densely",
        };
        var output = new Option<string?>("--out") { Description = "Write the results as JSON to this file" };
        var command = new Command("sparse-backward", "Backward-pass time of the sparse pass against the dense pass, trained side by side")
        {
            config, epochs, limitTrain, limitTest, fullSurrogate, output,
        };
        command.SetAction(parse => LearningErrors.Guard(console, () =>
        {
            if (parse.GetValue(epochs) is < 1) throw new UsageException($"--epochs must be >= 1, got {parse.GetValue(epochs)}");
            if (parse.GetValue(limitTrain) is < 1 || parse.GetValue(limitTest) is < 1) throw new UsageException("--limit-train and --limit-test must be >= 1");
            OutputFile.CheckWritable(parse.GetValue(output), "--out");
            var configPath = parse.GetValue(config)!;
            var training = TrainingConfig.Load(configPath);
            training = training with
            {
                Data = training.Data with
                {
                    LimitTrain = parse.GetValue(limitTrain) ?? training.Data.LimitTrain,
                    LimitTest = parse.GetValue(limitTest) ?? training.Data.LimitTest,
                },
            };
            using var catalog = LearningCatalog.Load(console);
            var registry = LearningCatalog.Registry(catalog);
            using var data = TrainingData.Load(training.Data);
            console.Out.WriteLine($"{training.Name}: {training.Data.Dataset} ({data.Train.Count} train, {data.Test.Count} test), sparse and dense ({(parse.GetValue(fullSurrogate) ? "full surrogate" : "same band-limited gradient")}) in lockstep");
            SparseBackwardComparison result;
            try
            {
                result = SparseBackwardBenchmark.Run(training, data.Train, data.Test, registry, parse.GetValue(epochs),
                    new CallbackProgress<string>(line => console.Out.WriteLine(line)), parse.GetValue(fullSurrogate), console.Stopping);
            }
            catch (LearningConfigException e) when (!e.Message.StartsWith(configPath + ":", StringComparison.Ordinal))
            {
                // The model section is checked when the networks are built: name the file, as cortex train does.
                throw new LearningConfigException($"{configPath}: {e.Message}");
            }
            foreach (var arm in new[] { result.Sparse, result.Dense })
            {
                console.Out.WriteLine($"{arm.Name,-6}  backward median {arm.MedianBackwardMs,8:0.00} ms/batch (total {arm.TotalBackwardMs / 1000:0.0} s), "
                    + $"forward median {arm.MedianForwardMs,8:0.00} ms; test accuracy {arm.FinalTestAccuracy:P2} (best {arm.BestTestAccuracy:P2})");
            }
            console.Out.WriteLine($"backward speed-up dense / sparse (median): {result.Speedup:0.00}x; active fraction {result.ActiveFraction:P2} "
                + $"({string.Join(", ", result.Layers.Select(l => $"layer {l.Layer}: {l.ActiveFraction:P2} in |v - theta| < {l.Band}"))}); {result.Threads} threads");
            var stopped = result.EpochsDone < result.Epochs;
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "sparse-backward", stopped, result }, JsonOptions));
                if (!stopped) console.Out.WriteLine($"wrote {path}");
            }
            if (stopped)
            {
                throw StopRequest.Stopped(console, $"the benchmark was stopped after {result.EpochsDone} of {result.Epochs} epochs; the times above cover the batches trained until then"
                    + (parse.GetValue(output) is { } written ? $" and are in {written}" : ""));
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}

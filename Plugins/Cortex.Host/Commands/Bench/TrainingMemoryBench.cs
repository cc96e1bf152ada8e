using System.CommandLine;
using System.Text.Json;
using Cortex.Host.Commands.Train;
using Cortex.Learning.Benchmarks;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Host.Commands.Bench;

/// <summary>
/// <c>cortex bench train-memory CONFIG</c>: trains the config for a number of steps and prints the resident memory and
/// the live TorchSharp tensors after each, so a memory leak in a trainer shows within a few steps.
/// </summary>
internal static class TrainingMemoryBench
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliConsole console)
    {
        var config = new Argument<string>("config") { Description = "Training config (JSON): data, model, train" };
        var steps = new Option<int>("--steps") { Description = "Training steps to run", DefaultValueFactory = _ => 50 };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Load only the first N training samples (overrides data.limit_train; the steps cycle through them)" };
        var maxResident = new Option<double?>("--max-rss-mib") { Description = "Stop early once the process's resident memory passes this many MiB (guards the machine against a leaking build)" };
        var output = new Option<string?>("--out") { Description = "Write the samples as JSON to this file" };
        var command = new Command("train-memory", "Resident memory and live tensors after every training step of a config (finds memory leaks)")
        {
            config, steps, limitTrain, maxResident, output,
        };
        command.SetAction(parse => LearningErrors.Guard(console, () => StopRequest.Measuring(console, "train-memory", () =>
        {
            if (parse.GetValue(steps) < 1) throw new UsageException($"--steps must be >= 1, got {parse.GetValue(steps)}");
            if (parse.GetValue(limitTrain) is < 1) throw new UsageException($"--limit-train must be >= 1, got {parse.GetValue(limitTrain)}");
            if (parse.GetValue(maxResident) is { } ceiling && !(ceiling > 0)) throw new UsageException($"--max-rss-mib must be > 0, got {ceiling}");
            OutputFile.CheckWritable(parse.GetValue(output), "--out");
            var configPath = parse.GetValue(config)!;
            var training = TrainingConfig.Load(configPath);
            var limit = parse.GetValue(limitTrain) ?? training.Data.LimitTrain;
            training = training with { Data = training.Data with { LimitTrain = limit, LimitTest = limit is null ? null : 1 } };
            using var catalog = LearningCatalog.Load(console);
            var registry = LearningCatalog.Registry(catalog);
            using var data = TrainingData.Load(training.Data);
            Trainer trainer;
            try
            {
                trainer = Trainer.Create(training, registry);
            }
            catch (LearningConfigException e) when (!e.Message.StartsWith(configPath + ":", StringComparison.Ordinal))
            {
                throw new LearningConfigException($"{configPath}: {e.Message}");
            }
            using (trainer)
            {
                console.Out.WriteLine($"{training.Name}: {data.Train.Count} train samples, batch {training.Train.BatchSize}, {parse.GetValue(steps)} steps; "
                    + $"before the first step {TrainingMemoryBenchmark.ResidentMiB():0} MiB resident, {TorchSharp.torch.Tensor.TotalCount} live tensors");
                console.Out.WriteLine("step  resident MiB  .NET heap MiB  live tensors  seconds");
                var samples = TrainingMemoryBenchmark.Run(trainer, data.Train, parse.GetValue(steps), parse.GetValue(maxResident),
                    s => console.Out.WriteLine($"{s.Step,4}  {s.ResidentMiB,12:0}  {s.ManagedHeapMiB,13:0.0}  {s.LiveTensors,12}  {s.ElapsedSeconds,7:0.0}"),
                    console.Stopping);
                if (samples.Count < parse.GetValue(steps))
                    console.Warn($"stopped after step {samples.Count}: resident memory {samples[^1].ResidentMiB:0} MiB passed --max-rss-mib {parse.GetValue(maxResident)}");
                if (parse.GetValue(output) is { } path)
                {
                    // Spelled out: the snake-case policy would write ResidentMiB as "resident_mi_b".
                    var rows = samples.Select(s => new { s.Step, resident_mib = s.ResidentMiB, managed_heap_mib = s.ManagedHeapMiB, s.LiveTensors, s.ElapsedSeconds });
                    File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "train-memory", config = configPath, samples = rows }, JsonOptions));
                    console.Out.WriteLine($"wrote {path}");
                }
            }
            return ExitCodes.Ok;
        })));
        return command;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Learning.Training;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// metrics.json of a classifier's training run, whichever trainer made it (BPTT's <c>cortex train</c>, EventProp): the
/// run's facts, the summary of its epoch history, the trainer's own fields, the history and the config, in that order.
/// One writer, so both trainers' files keep the same keys, computed the same way, in the same place.
/// </summary>
internal static class TrainingMetricsFile
{
    /// <summary>Writes <see cref="TrainingReport.MetricsFile"/> into <paramref name="directory"/>.</summary>
    /// <param name="directory">The run's output folder.</param>
    /// <param name="run">What identifies the run: name, command, seed, data, progress, threads, wall time, config.</param>
    /// <param name="history">The metrics of every epoch done, a resumed run's earlier ones included.</param>
    /// <param name="trainerFields">Fields only this trainer has, written after the history's summary (e.g. peak memory, the model files).</param>
    public static void Write(string directory, TrainingRunFacts run, IReadOnlyList<EpochMetrics> history, IEnumerable<KeyValuePair<string, JsonNode?>> trainerFields)
    {
        var best = history.MaxBy(m => m.TestAccuracy);
        var report = new JsonObject { ["name"] = run.Name };
        if (run.Trainer is { } trainer) report["trainer"] = trainer;
        report["command"] = run.Command;
        report["seed"] = run.Seed;
        report["dataset"] = run.Dataset;
        report["train_samples"] = run.TrainSamples;
        report["test_samples"] = run.TestSamples;
        report["epochs_done"] = run.EpochsDone;
        report["steps_done"] = run.StepsDone;
        report["threads"] = run.Threads;
        report["final_test_accuracy"] = history.Count > 0 ? history[^1].TestAccuracy : null;
        report["final_test_loss"] = history.Count > 0 ? history[^1].TestLoss : null;
        report["best_test_accuracy"] = best?.TestAccuracy;
        report["best_epoch"] = best?.Epoch;
        // This invocation's wall time; a resumed run's earlier epochs are in the per-epoch list.
        report["wall_seconds"] = run.WallSeconds;
        report["training_wall_seconds"] = history.Sum(m => m.WallSeconds);
        report["images_per_second"] = history.Count > 0 ? history.Average(m => m.ImagesPerSecond) : null;
        foreach (var (key, value) in trainerFields) report[key] = value;
        report["epochs"] = JsonSerializer.SerializeToNode(history, TrainingCheckpoint.JsonOptions);
        report["config"] = JsonNode.Parse(run.ConfigJson);
        File.WriteAllText(Path.Combine(directory, TrainingReport.MetricsFile), report.ToJsonString(TrainingCheckpoint.JsonOptions));
    }
}

/// <summary>What identifies a training run in its metrics.json.</summary>
/// <param name="Name">The config's name.</param>
/// <param name="Trainer">The trainer's name when the config chose one (EventProp); null for the default BPTT trainer, whose file has no such key.</param>
/// <param name="Command">The command as typed.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="TrainSamples">Training samples used.</param>
/// <param name="TestSamples">Test samples used.</param>
/// <param name="EpochsDone">Epochs completed.</param>
/// <param name="StepsDone">Optimiser steps taken.</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="WallSeconds">This invocation's wall time so far.</param>
/// <param name="ConfigJson">The config as run, written back whole.</param>
internal sealed record TrainingRunFacts(
    string Name, string? Trainer, string Command, int Seed, string Dataset, int TrainSamples, int TestSamples,
    int EpochsDone, long StepsDone, int Threads, double WallSeconds, string ConfigJson);

using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Learning.Training;
using Cortex.Plots;

namespace Cortex.Host.Commands.Train;

/// <summary>What <c>cortex train</c> leaves in its output folder besides the checkpoints: metrics.json and learning_curve.png.</summary>
internal static class TrainingReport
{
    public const string MetricsFile = "metrics.json";
    public const string CurveFile = "learning_curve.png";
    public const string LastCheckpoint = "last.ckpt";
    public const string BestCheckpoint = "best.ckpt";

    /// <summary>Writes metrics.json: per-epoch metrics, the final and best test accuracy, totals, the command and the seed.</summary>
    public static void WriteMetrics(string directory, Trainer trainer, string command, int trainCount, int testCount, double wallSeconds, int threads)
    {
        var history = trainer.History;
        var best = history.MaxBy(m => m.TestAccuracy);
        var report = new JsonObject
        {
            ["name"] = trainer.Config.Name,
            ["command"] = command,
            ["seed"] = trainer.Config.Train.Seed,
            ["dataset"] = trainer.Config.Data.Dataset,
            ["train_samples"] = trainCount,
            ["test_samples"] = testCount,
            ["epochs_done"] = trainer.EpochsDone,
            ["steps_done"] = trainer.StepsDone,
            ["threads"] = threads,
            ["final_test_accuracy"] = history.Count > 0 ? history[^1].TestAccuracy : null,
            ["final_test_loss"] = history.Count > 0 ? history[^1].TestLoss : null,
            ["best_test_accuracy"] = best?.TestAccuracy,
            ["best_epoch"] = best?.Epoch,
            // This invocation's wall time; a resumed run's earlier epochs are in the per-epoch list.
            ["wall_seconds"] = wallSeconds,
            ["training_wall_seconds"] = history.Sum(m => m.WallSeconds),
            ["images_per_second"] = history.Count > 0 ? history.Average(m => m.ImagesPerSecond) : null,
            ["peak_memory_bytes"] = history.Count > 0 ? history.Max(m => m.PeakMemoryBytes) : Trainer.PeakMemoryBytes(),
            ["checkpoints"] = new JsonObject { ["last"] = LastCheckpoint, ["best"] = BestCheckpoint },
            ["epochs"] = JsonSerializer.SerializeToNode(history, TrainingCheckpoint.JsonOptions),
            ["config"] = JsonNode.Parse(trainer.Config.Json),
        };
        File.WriteAllText(Path.Combine(directory, MetricsFile), report.ToJsonString(TrainingCheckpoint.JsonOptions));
    }

    /// <summary>Draws learning_curve.png from the epochs so far.</summary>
    public static void WriteCurve(string directory, Trainer trainer)
    {
        if (trainer.History.Count == 0) return;
        LearningCurvePlot.Save(
            Path.Combine(directory, CurveFile),
            [.. trainer.History.Select(m => new LearningCurvePoint(m.Epoch, m.TrainLoss, m.TestLoss, m.TrainAccuracy, m.TestAccuracy))],
            $"{trainer.Config.Name}: final test accuracy {trainer.History[^1].TestAccuracy:P2}");
    }
}

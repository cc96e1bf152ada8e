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
        var config = trainer.Config;
        TrainingMetricsFile.Write(directory,
            new TrainingRunFacts(config.Name, null, command, config.Train.Seed, config.Data.Dataset, trainCount, testCount, trainer.EpochsDone, trainer.StepsDone, threads, wallSeconds, config.Json),
            history,
            [
                new("device", trainer.Device.ToString()),
                new("peak_memory_bytes", history.Count > 0 ? history.Max(m => m.PeakMemoryBytes) : Trainer.PeakMemoryBytes()),
                new("checkpoints", new JsonObject { ["last"] = LastCheckpoint, ["best"] = BestCheckpoint }),
            ]);
    }

    /// <summary>
    /// The ending of a training run stopped by the user (<see cref="StopRequest"/>): which epoch it was in, and where the
    /// epochs completed before are (written after each epoch, so they are already on disk).
    /// </summary>
    /// <param name="console">The invocation's console.</param>
    /// <param name="cause">The cancellation the trainer threw.</param>
    /// <param name="epochsDone">Epochs completed in all, a resumed run's earlier ones included.</param>
    /// <param name="epochsThisRun">Epochs completed by this invocation; none means it wrote nothing.</param>
    /// <param name="directory">The output folder.</param>
    /// <param name="files">The files each epoch writes there, e.g. "metrics.json, last.ckpt".</param>
    /// <param name="resume">How to continue, when the run can be resumed; null otherwise.</param>
    public static OperationCanceledException Stopped(CliConsole console, OperationCanceledException cause, int epochsDone, int epochsThisRun, string directory, string files, string? resume) =>
        StopRequest.Stopped(console, epochsThisRun == 0
            ? $"training was stopped during epoch {epochsDone + 1}, before it had written anything to {directory}"
            : $"training was stopped during epoch {epochsDone + 1}; the {epochsDone} epoch{(epochsDone == 1 ? "" : "s")} completed are in {directory} ({files})"
              + (resume is null ? "" : $"; continue with {resume}"), cause);

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

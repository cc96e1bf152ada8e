using System.Diagnostics;
using System.Text.Json.Nodes;
using Cortex.Input;
using Cortex.Learning.EventProp;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Cortex.Plots;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// <c>cortex train</c> on a config with <c>"train": {"trainer": "eventprop", …}</c>: trains a feed-forward
/// current-based LIF network with EventProp's exact event-based gradients (Wunderlich &amp; Pehle 2021) on
/// latency-coded input, and writes metrics.json, learning_curve.png, last.eventprop.json and best.eventprop.json.
/// </summary>
internal static class EventPropRun
{
    public const string LastModel = "last.eventprop.json";
    public const string BestModel = "best.eventprop.json";

    /// <summary>True when <paramref name="configPath"/> names a trainer (only EventProp's configs do).</summary>
    public static bool Handles(string configPath) =>
        InputFile.Exists(configPath, "training config", InputFile.TextCap) && EventPropConfig.Describes(File.ReadAllText(configPath));

    /// <summary>Runs the request; returns the output folder.</summary>
    public static string Execute(TrainRequest request, CliConsole console, CancellationToken cancellationToken = default)
    {
        if (request.ResumePath is not null)
            throw new UsageException("--resume: an EventProp run keeps no optimiser state; run the config again (the same seed repeats the run)");
        if (request.Epochs is < 1) throw new UsageException($"--epochs must be >= 1, got {request.Epochs}");
        var wall = Stopwatch.StartNew();
        using var catalog = LearningCatalog.Load(console);
        var config = EventPropConfig.Load(request.ConfigPath, LearningCatalog.Registry(catalog));
        if (request.Epochs is { } epochs) config = config.WithEpochs(epochs);
        var directory = request.OutputDirectory ?? Path.Combine("out", "train", config.Name);
        Directory.CreateDirectory(directory);
        TrialSet train, test;
        using (var data = TrainingData.Load(config.Data))
        {
            train = TrialSet.From(data.Train);
            test = TrialSet.From(data.Test);
        }
        EventPropTrainer trainer;
        try
        {
            // Before the weights are allocated: a mismatched or oversized model is refused without building it.
            EventPropTrainer.CheckFits(config, train);
            trainer = EventPropTrainer.Create(config);
        }
        catch (LearningConfigException e)
        {
            throw new LearningConfigException($"{request.ConfigPath}: {e.Message}");
        }
        var threads = config.Train.Threads ?? Environment.ProcessorCount;
        var model = config.Model;
        console.Out.WriteLine($"{config.Name}: {config.Data.Dataset} ({train.Count} train, {test.Count} test), EventProp, "
            + $"{model.InputCount}-{string.Join("-", model.Layers.Select(l => l.Neurons))} current-based LIF, latency input in {model.InputWindow} ms, "
            + $"trials of {model.Duration} ms, {config.Train.Optimizer.Type} lr {config.Train.Optimizer.LearningRate}, seed {config.Train.Seed}, {threads} threads");
        var best = double.NegativeInfinity;
        try
        {
            TrainingProgressView.Run(console, 1, config.Train.Epochs, (progress, epochDone) =>
                trainer.Run(train, test, progress, metrics =>
                {
                    EventPropModelFile.Save(Path.Combine(directory, LastModel), config, trainer.Network, trainer.EpochsDone);
                    if (metrics.TestAccuracy > best)
                    {
                        best = metrics.TestAccuracy;
                        File.Copy(Path.Combine(directory, LastModel), Path.Combine(directory, BestModel), overwrite: true);
                    }
                    WriteMetrics(directory, trainer, request.CommandLine, train.Count, test.Count, wall.Elapsed.TotalSeconds, threads);
                    epochDone(metrics);
                }, cancellationToken));
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // metrics.json and learning_curve.png are completed below, as for a finished run; EventProp keeps no optimiser state to resume.
            throw TrainingReport.Stopped(console, e, trainer.EpochsDone, trainer.EpochsDone, directory,
                $"{TrainingReport.MetricsFile}, {TrainingReport.CurveFile}, {LastModel}, {BestModel}", resume: null);
        }
        finally
        {
            if (trainer.History.Count > 0)
            {
                WriteMetrics(directory, trainer, request.CommandLine, train.Count, test.Count, wall.Elapsed.TotalSeconds, threads);
                LearningCurvePlot.Save(Path.Combine(directory, TrainingReport.CurveFile),
                    [.. trainer.History.Select(m => new LearningCurvePoint(m.Epoch, m.TrainLoss, m.TestLoss, m.TrainAccuracy, m.TestAccuracy))],
                    $"{config.Name} (EventProp): final test accuracy {trainer.History[^1].TestAccuracy:P2}");
            }
        }
        var last = trainer.History[^1];
        var spikes = trainer.LastEvaluation!.SpikesPerTrial;
        console.Out.WriteLine($"final test accuracy {last.TestAccuracy:P2} (best {trainer.History.Max(m => m.TestAccuracy):P2}) after {trainer.EpochsDone} epochs, "
            + $"{wall.Elapsed.TotalSeconds:0.0} s; spikes per test trial: {string.Join(" / ", spikes.Select(s => s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} (input first)");
        console.Out.WriteLine($"wrote {Path.Combine(directory, TrainingReport.MetricsFile)}, {TrainingReport.CurveFile}, {LastModel}, {BestModel}");
        return directory;
    }

    private static void WriteMetrics(string directory, EventPropTrainer trainer, string command, int trainCount, int testCount, double wallSeconds, int threads)
    {
        var config = trainer.Config;
        var evaluation = trainer.LastEvaluation;
        TrainingMetricsFile.Write(directory,
            new TrainingRunFacts(config.Name, EventPropConfig.TrainerName, command, config.Train.Seed, config.Data.Dataset, trainCount, testCount,
                trainer.EpochsDone, trainer.StepsDone, threads, wallSeconds, config.Json),
            trainer.History,
            [
                new("spikes_per_test_trial", evaluation is null ? null : new JsonArray([.. evaluation.SpikesPerTrial.Select(s => (JsonNode)s)])),
                new("silent_output_fraction", evaluation?.SilentOutputFraction),
                new("models", new JsonObject { ["last"] = LastModel, ["best"] = BestModel }),
            ]);
    }
}

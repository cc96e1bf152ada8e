using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// <c>cortex train CONFIG.json</c>: trains a spiking network by surrogate gradients and writes metrics.json,
/// learning_curve.png, last.ckpt (every epoch) and best.ckpt (best test accuracy) to the output folder;
/// <c>--resume</c> continues a checkpointed run exactly where it stopped. A config with a <c>task</c> section
/// instead trains the differentiable-plasticity pattern-completion example (<see cref="PatternCompletionRun"/>).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var config = new Argument<string>("config") { Description = "Training config (JSON): data, model, train" };
        var output = new Option<string?>("--out") { Description = "Output folder (default out/train/<config name>)" };
        var epochs = new Option<int?>("--epochs") { Description = "Train for this many epochs in all (overrides train.epochs)" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint (its config is used; --epochs may extend it)" };
        var device = new Option<string?>("--device") { Description = "Train on cpu, cuda or cuda:N (overrides train.device; cuda needs a CUDA libtorch, README \"Training on a GPU\")" };
        var command = new Command("train", "Train a spiking network with surrogate gradients (BPTT); writes metrics.json, learning_curve.png and checkpoints")
        {
            config, output, epochs, resume, device,
        };
        command.SetAction((parse, _) => Task.FromResult(LearningErrors.Guard(console, () =>
        {
            var request = new TrainRequest(
                parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(epochs), parse.GetValue(resume),
                string.Join(" ", ["cortex", .. parse.Tokens.Select(t => t.Value)]), parse.GetValue(device));
            Execute(request, console, console.Stopping);
            return ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>Runs one training request; returns the output folder.</summary>
    public static string Execute(TrainRequest request, CliConsole console, CancellationToken cancellationToken = default)
    {
        if (PatternCompletionRun.Handles(request.ConfigPath)) return PatternCompletionRun.Execute(request, console, cancellationToken);
        if (EventPropRun.Handles(request.ConfigPath)) return EventPropRun.Execute(request, console, cancellationToken);
        if (request.Epochs is < 1) throw new UsageException($"--epochs must be >= 1, got {request.Epochs}");
        var wall = Stopwatch.StartNew();
        var fileConfig = TrainingConfig.Load(request.ConfigPath);
        using var catalog = LearningCatalog.Load(console);
        var registry = LearningCatalog.Registry(catalog);
        using var trainer = Start(fileConfig, request, registry);
        var directory = request.OutputDirectory ?? Path.Combine("out", "train", trainer.Config.Name);
        Directory.CreateDirectory(directory);

        using var data = TrainingData.Load(trainer.Config.Data);
        var threads = trainer.Config.Train.Threads ?? Environment.ProcessorCount;
        console.Out.WriteLine($"{trainer.Config.Name}: {trainer.Config.Data.Dataset} ({data.Train.Count} train, {data.Test.Count} test), "
            + $"{trainer.Network.Layers.Count} layers, T = {trainer.Network.Steps}, {ParameterCount(trainer):N0} parameters, "
            + $"{trainer.Config.Train.Optimizer.Type} lr {trainer.Config.Train.Optimizer.LearningRate}, loss {trainer.Loss.Name}, seed {trainer.Config.Train.Seed}, "
            + (trainer.Device.type == TorchSharp.DeviceType.CPU ? $"{threads} threads" : $"on {trainer.Device}")
            + (trainer.EpochsDone > 0 ? $", resuming after epoch {trainer.EpochsDone}" : ""));
        if (trainer.Finished)
            console.Warn($"the run already has {trainer.EpochsDone} of {trainer.Config.Train.Epochs} epochs; pass --epochs N with N > {trainer.EpochsDone} to train further");

        var best = trainer.History.Count > 0 ? trainer.History.Max(m => m.TestAccuracy) : double.NegativeInfinity;
        var epochsBefore = trainer.EpochsDone;
        try
        {
            TrainingProgressView.Run(console, trainer.EpochsDone + 1, trainer.Config.Train.Epochs, (progress, epochDone) =>
                trainer.Run(data.Train, data.Test, progress, metrics =>
                {
                    // Checkpoint and report after every epoch, so an interrupted run loses at most one epoch.
                    TrainingCheckpoint.Save(Path.Combine(directory, TrainingReport.LastCheckpoint), trainer);
                    if (metrics.TestAccuracy > best)
                    {
                        best = metrics.TestAccuracy;
                        File.Copy(Path.Combine(directory, TrainingReport.LastCheckpoint), Path.Combine(directory, TrainingReport.BestCheckpoint), overwrite: true);
                    }
                    TrainingReport.WriteMetrics(directory, trainer, request.CommandLine, data.Train.Count, data.Test.Count, wall.Elapsed.TotalSeconds, threads);
                    TrainingReport.WriteCurve(directory, trainer);
                    epochDone(metrics);
                }, cancellationToken));
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            var last = Path.Combine(directory, TrainingReport.LastCheckpoint);
            throw TrainingReport.Stopped(console, e, trainer.EpochsDone, trainer.EpochsDone - epochsBefore, directory,
                $"{TrainingReport.MetricsFile}, {TrainingReport.CurveFile}, {TrainingReport.LastCheckpoint}, {TrainingReport.BestCheckpoint}",
                $"cortex train {request.ConfigPath} --resume {last} --out {directory}");
        }

        if (trainer.History.Count > 0)
        {
            TrainingReport.WriteMetrics(directory, trainer, request.CommandLine, data.Train.Count, data.Test.Count, wall.Elapsed.TotalSeconds, threads);
            var last = trainer.History[^1];
            console.Out.WriteLine($"final test accuracy {last.TestAccuracy:P2} (best {trainer.History.Max(m => m.TestAccuracy):P2}) after {trainer.EpochsDone} epochs, "
                + $"{wall.Elapsed.TotalSeconds:0.0} s, peak memory {last.PeakMemoryBytes / (1024.0 * 1024):0} MiB");
        }
        console.Out.WriteLine($"wrote {Path.Combine(directory, TrainingReport.MetricsFile)}, {TrainingReport.CurveFile}, {TrainingReport.LastCheckpoint}, {TrainingReport.BestCheckpoint}");
        return directory;
    }

    // The model section is checked when the network is built: its errors (and a model too large for memory) name the file too.
    private static Trainer Start(TrainingConfig fileConfig, TrainRequest request, LearningRegistry registry)
    {
        try
        {
            return request.ResumePath is null ? Fresh(fileConfig, request, registry) : Resumed(fileConfig, request, registry);
        }
        catch (LearningConfigException e) when (!e.Message.StartsWith(request.ConfigPath + ":", StringComparison.Ordinal))
        {
            throw new LearningConfigException($"{request.ConfigPath}: {e.Message}");
        }
    }

    private static Trainer Fresh(TrainingConfig config, TrainRequest request, LearningRegistry registry) =>
        Trainer.Create(Overridden(config, request), registry);

    // The command line's --epochs and --device over the file's (or the checkpoint's) values.
    private static TrainingConfig Overridden(TrainingConfig config, TrainRequest request)
    {
        if (request.Epochs is { } epochs) config = config.WithEpochs(epochs);
        return request.Device is { } device ? config.WithDevice(device) : config;
    }

    private static Trainer Resumed(TrainingConfig fileConfig, TrainRequest request, LearningRegistry registry)
    {
        var checkpoint = TrainingCheckpoint.Load(request.ResumePath!, registry);
        try
        {
            // The checkpoint's weights only fit the model they were trained as.
            if (!JsonNode.DeepEquals(JsonNode.Parse(fileConfig.ModelJson), JsonNode.Parse(checkpoint.Config.ModelJson)))
                throw new UsageException($"{request.ResumePath}: was trained with a different model than {request.ConfigPath} describes");
            return Trainer.Resume(checkpoint, Overridden(checkpoint.Config, request));
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    private static long ParameterCount(Trainer trainer) => trainer.Network.parameters().Sum(p => p.numel());
}

/// <summary>The arguments of one <c>cortex train</c>.</summary>
/// <param name="ConfigPath">The training config file.</param>
/// <param name="OutputDirectory">Where outputs go; null for out/train/&lt;config name&gt;.</param>
/// <param name="Epochs">Total epochs overriding the config's; null to keep it.</param>
/// <param name="ResumePath">A checkpoint to continue; null for a fresh run.</param>
/// <param name="CommandLine">The command as typed, recorded in metrics.json.</param>
/// <param name="Device">The device overriding train.device; null to keep it.</param>
internal sealed record TrainRequest(string ConfigPath, string? OutputDirectory, int? Epochs, string? ResumePath, string CommandLine, string? Device = null);

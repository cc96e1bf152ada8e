using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Learning.Cost;
using Cortex.Learning.Training;
using Spectre.Console;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// <c>cortex eval CHECKPOINT</c>: the test accuracy and confusion matrix of a trained network, on the
/// test split its config names (or a dataset at <c>--data</c>), printed and written to eval.json, with the
/// model's cost NeuroBench-style (synaptic operations, activation and connection sparsity, footprint and an
/// arithmetic energy estimate, <see cref="CostReport"/>) measured in the same pass.
/// </summary>
internal static class EvalCommand
{
    public const string ResultFile = "eval.json";

    public static Command Create(CliConsole console)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "A checkpoint written by 'cortex train' (last.ckpt or best.ckpt)" };
        var data = new Option<string?>("--data") { Description = "Read the dataset from this file or folder instead of the config's" };
        var output = new Option<string?>("--out") { Description = "Folder for eval.json (default: the checkpoint's folder)" };
        var command = new Command("eval", "Test accuracy and confusion matrix of a trained checkpoint; writes eval.json") { checkpoint, data, output };
        command.SetAction((parse, _) => Task.FromResult(LearningErrors.Guard(console, () =>
        {
            Execute(parse.GetValue(checkpoint)!, parse.GetValue(data), parse.GetValue(output), string.Join(" ", ["cortex", .. parse.Tokens.Select(t => t.Value)]), console, console.Stopping);
            return ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>Evaluates the checkpoint; returns the path of eval.json.</summary>
    public static string Execute(string checkpointPath, string? dataPath, string? outputDirectory, string commandLine, CliConsole console, CancellationToken cancellationToken = default)
    {
        using var catalog = LearningCatalog.Load(console);
        using var checkpoint = TrainingCheckpoint.Load(checkpointPath, LearningCatalog.Registry(catalog));
        var config = dataPath is null ? checkpoint.Config : checkpoint.Config.WithDataPath(dataPath);
        if (TrainingMemoryEstimate.For(checkpoint.Network, config.Train.BatchSize).EvaluationProblem(TrainingMemoryEstimate.AvailableBytes()) is { } problem)
            throw new UsageException($"{checkpointPath}: {problem}");
        Trainer.UseThreads(config.Train.Threads);
        using var split = TrainingData.Load(config.Data);
        EvaluationResult result;
        CostReport cost;
        using (var meter = new CostMeter(checkpoint.Network))
        {
            try
            {
                result = Trainer.Evaluate(checkpoint.Network, TrainingLoss.Create(config.Train.Loss), split.Test, config.Train.BatchSize, config.Train.Seed,
                    cancellationToken: cancellationToken);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
            {
                // An accuracy over part of the test set would pass for the whole one.
                throw StopRequest.Stopped(console, $"the evaluation of {checkpointPath} was stopped before its end; {ResultFile} is written only by a complete one, so nothing was written", e);
            }
            cost = meter.Report();
        }

        console.Out.WriteLine($"{checkpointPath}: {config.Name} after {checkpoint.EpochsDone} epochs on {split.Test.Name}: "
            + $"test accuracy {result.Accuracy:P2} ({result.Correct} of {result.Count}), loss {result.Loss:0.0000}, {result.ImagesPerSecond:N0} img/s");
        PrintConfusion(console, result);
        PrintCost(console, cost);

        var directory = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!;
        Directory.CreateDirectory(directory);
        var report = new JsonObject
        {
            ["command"] = commandLine,
            ["checkpoint"] = checkpointPath,
            ["name"] = config.Name,
            ["epochs_done"] = checkpoint.EpochsDone,
            ["dataset"] = split.Test.Name,
            ["test_samples"] = result.Count,
            ["test_accuracy"] = result.Accuracy,
            ["test_loss"] = result.Loss,
            ["correct"] = result.Correct,
            ["images_per_second"] = result.ImagesPerSecond,
            ["confusion_matrix"] = JsonSerializer.SerializeToNode(result.Confusion),
            ["confusion_axes"] = "rows: true class, columns: predicted class",
            ["cost"] = cost.ToJson(),
        };
        var path = Path.Combine(directory, ResultFile);
        File.WriteAllText(path, report.ToJsonString(TrainingCheckpoint.JsonOptions));
        console.Out.WriteLine($"wrote {path}");
        return path;
    }

    private static void PrintCost(CliConsole console, CostReport cost)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("layer").AddColumn("weights")
            .AddColumn(new TableColumn("dense ops").RightAligned()).AddColumn(new TableColumn("eff. MACs").RightAligned())
            .AddColumn(new TableColumn("eff. ACs").RightAligned()).AddColumn(new TableColumn("energy (nJ)").RightAligned());
        foreach (var layer in cost.Layers)
            table.AddRow(layer.Name, EnergyModel.Arithmetic(layer.WeightBits), layer.DenseOperations.ToString("N0", culture),
                layer.EffectiveMacs.ToString("N0", culture), layer.EffectiveAcs.ToString("N0", culture), (layer.EnergyPicojoules / 1000).ToString("0.00", culture));
        console.Ansi.Write(table);
        console.Out.WriteLine(string.Create(culture,
            $"cost per sample (T = {cost.Steps}, {cost.Samples} samples): {cost.EffectiveAcs:N0} ACs + {cost.EffectiveMacs:N0} MACs (dense {cost.DenseOperations:N0}); "
            + $"activation sparsity {cost.ActivationSparsity:P1}, connection sparsity {cost.ConnectionSparsity:P1}; "
            + $"footprint {cost.DeployedBytes / 1024.0:0.0} KiB deployed ({cost.FloatBytes / 1024.0:0.0} KiB fp32); "
            + $"energy {cost.EnergyPicojoules / 1000:0.00} nJ vs {cost.DenseFloatPicojoules / 1000:0.00} nJ as dense fp32 MACs ({EnergyModel.Source})"));
    }

    private static void PrintConfusion(CliConsole console, EvaluationResult result)
    {
        var classes = result.Confusion.Length;
        var table = new Table().AddColumn("true \\ predicted");
        for (var c = 0; c < classes; c++) table.AddColumn(new TableColumn(c.ToString(System.Globalization.CultureInfo.InvariantCulture)).RightAligned());
        for (var t = 0; t < classes; t++)
            table.AddRow([t.ToString(System.Globalization.CultureInfo.InvariantCulture), .. result.Confusion[t].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        console.Ansi.Write(table);
    }
}

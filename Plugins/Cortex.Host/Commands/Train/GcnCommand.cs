using System.CommandLine;
using System.Text.Json.Nodes;
using Cortex.Learning.Graphs;
using Cortex.Learning.Training;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// <c>cortex gcn CONFIG.json</c>: the non-spiking baseline of SpikingGCN. Trains Kipf &amp; Welling's two-layer GCN
/// (<see cref="GcnBaseline"/>) on the graph and the very split a SpikingGCN training config's <c>data</c> section
/// names, and prints and writes (gcn.json) its test accuracy, so both models are compared on the same nodes.
/// </summary>
internal static class GcnCommand
{
    public const string ResultFile = "gcn.json";

    public static Command Create(CliConsole console)
    {
        var config = new Argument<string>("config") { Description = "A training config whose data.dataset is \"graph\" (e.g. examples/learning/sbm_spiking_gcn.json)" };
        var output = new Option<string?>("--out") { Description = "Folder for gcn.json (default out/gcn/<config name>)" };
        var epochs = new Option<int?>("--epochs") { Description = "Full-batch epochs (default 200, as Kipf & Welling)" };
        var command = new Command("gcn", "Train the GCN baseline (Kipf & Welling 2017) on a graph config's nodes and split; writes gcn.json")
        {
            config, output, epochs,
        };
        command.SetAction((parse, _) => Task.FromResult(LearningErrors.Guard(console, () =>
        {
            Execute(parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(epochs), string.Join(" ", ["cortex", .. parse.Tokens.Select(t => t.Value)]), console, console.Stopping);
            return ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>
    /// Trains the baseline; returns the path of gcn.json. Stopped (<paramref name="cancellationToken"/>), it ends before the
    /// next epoch, still writes gcn.json for the model as trained so far (<c>epochs_done</c>, <c>stopped</c>) and throws
    /// <see cref="StopRequest.Stopped"/>.
    /// </summary>
    public static string Execute(string configPath, string? outputDirectory, int? epochs, string commandLine, CliConsole console, CancellationToken cancellationToken = default)
    {
        if (epochs is < 1) throw new UsageException($"--epochs must be >= 1, got {epochs}");
        var config = TrainingConfig.Load(configPath);
        if (config.Data.Graph is not { } graphOptions)
            throw new UsageException($"{configPath}: $.data.dataset: the GCN baseline needs a graph dataset (\"graph\"), got \"{config.Data.Dataset}\"");
        Trainer.UseThreads(config.Train.Threads);
        var data = GraphNodeData.Load(graphOptions, config.Data.Seed);
        var options = new GcnBaselineOptions { Seed = config.Train.Seed, Epochs = epochs ?? new GcnBaselineOptions().Epochs };
        // About ten progress lines, and every epoch of a short run, so a long one shows it is alive and where a stop lands.
        var every = Math.Max(1, options.Epochs / 10);
        var result = GcnBaseline.Train(data, options, new CallbackProgress<GcnEpoch>(e =>
        {
            if (e.Epoch % every == 0 || e.Epoch == options.Epochs) console.Out.WriteLine($"  epoch {e.Epoch}/{options.Epochs}  loss {e.Loss:0.0000}");
        }), cancellationToken);
        var stopped = result.EpochsDone < options.Epochs;
        console.Out.WriteLine($"{config.Name}: GCN (Kipf & Welling 2017) on {data.Graph.Name}, {data.Graph.NodeCount} nodes, {data.Graph.Edges.Count} edges, "
            + $"{data.TrainNodes.Length} train / {data.TestNodes.Length} test nodes, {(stopped ? $"{result.EpochsDone} of {options.Epochs}" : options.Epochs)} epochs: "
            + $"test accuracy {result.TestAccuracy:P2} (train {result.TrainAccuracy:P2}), final loss {result.FinalLoss:0.0000}");

        var directory = outputDirectory ?? Path.Combine("out", "gcn", config.Name);
        Directory.CreateDirectory(directory);
        var report = new JsonObject
        {
            ["command"] = commandLine,
            ["config"] = configPath,
            ["graph"] = data.Graph.Name,
            ["nodes"] = data.Graph.NodeCount,
            ["edges"] = data.Graph.Edges.Count,
            ["train_nodes"] = data.TrainNodes.Length,
            ["test_nodes"] = data.TestNodes.Length,
            ["epochs"] = options.Epochs,
            ["epochs_done"] = result.EpochsDone,
            ["stopped"] = stopped,
            ["hidden"] = options.Hidden,
            ["dropout"] = options.Dropout,
            ["lr"] = options.LearningRate,
            ["weight_decay"] = options.WeightDecay,
            ["seed"] = options.Seed,
            ["train_accuracy"] = result.TrainAccuracy,
            ["test_accuracy"] = result.TestAccuracy,
            // NaN (no epoch trained: stopped at once) is not JSON.
            ["final_loss"] = result.EpochsDone > 0 ? result.FinalLoss : null,
        };
        var path = Path.Combine(directory, ResultFile);
        File.WriteAllText(path, report.ToJsonString(TrainingCheckpoint.JsonOptions));
        if (stopped) throw StopRequest.Stopped(console, $"the GCN baseline was stopped after epoch {result.EpochsDone} of {options.Epochs}; {path} holds the model's accuracies at that point");
        console.Out.WriteLine($"wrote {path}");
        return path;
    }
}

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
            Execute(parse.GetValue(config)!, parse.GetValue(output), parse.GetValue(epochs), string.Join(" ", ["cortex", .. parse.Tokens.Select(t => t.Value)]), console);
            return ExitCodes.Ok;
        })));
        return command;
    }

    /// <summary>Trains the baseline; returns the path of gcn.json.</summary>
    public static string Execute(string configPath, string? outputDirectory, int? epochs, string commandLine, CliConsole console)
    {
        if (epochs is < 1) throw new UsageException($"--epochs must be >= 1, got {epochs}");
        var config = TrainingConfig.Load(configPath);
        if (config.Data.Graph is not { } graphOptions)
            throw new UsageException($"{configPath}: $.data.dataset: the GCN baseline needs a graph dataset (\"graph\"), got \"{config.Data.Dataset}\"");
        Trainer.UseThreads(config.Train.Threads);
        var data = GraphNodeData.Load(graphOptions, config.Data.Seed);
        var options = new GcnBaselineOptions { Seed = config.Train.Seed, Epochs = epochs ?? new GcnBaselineOptions().Epochs };
        var result = GcnBaseline.Train(data, options);
        console.Out.WriteLine($"{config.Name}: GCN (Kipf & Welling 2017) on {data.Graph.Name}, {data.Graph.NodeCount} nodes, {data.Graph.Edges.Count} edges, "
            + $"{data.TrainNodes.Length} train / {data.TestNodes.Length} test nodes, {options.Epochs} epochs: "
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
            ["hidden"] = options.Hidden,
            ["dropout"] = options.Dropout,
            ["lr"] = options.LearningRate,
            ["weight_decay"] = options.WeightDecay,
            ["seed"] = options.Seed,
            ["train_accuracy"] = result.TrainAccuracy,
            ["test_accuracy"] = result.TestAccuracy,
            ["final_loss"] = result.FinalLoss,
        };
        var path = Path.Combine(directory, ResultFile);
        File.WriteAllText(path, report.ToJsonString(TrainingCheckpoint.JsonOptions));
        console.Out.WriteLine($"wrote {path}");
        return path;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Input;
using Cortex.Learning.Registry;

namespace Cortex.Learning.Training;

/// <summary>
/// A whole training configuration: <c>data</c>, <c>model</c>, <c>train</c> (and an optional
/// <c>description</c>). Data and train are checked on parsing; the model is checked when
/// <see cref="SpikingNetwork.Build"/> builds it, since its layer types come from the registry. Every error
/// names its JSON path; unknown keys are errors, so a typo never silently falls back to a default.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>The run's name (the config file's name without extension); names the default output folder.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>data</c> section.</summary>
    public required DataConfig Data { get; init; }

    /// <summary>The <c>model</c> object as JSON text.</summary>
    public required string ModelJson { get; init; }

    /// <summary>The <c>train</c> section.</summary>
    public required TrainConfig Train { get; init; }

    /// <summary>The whole document as JSON (with overrides applied), stored in checkpoints.</summary>
    public required string Json { get; init; }

    /// <summary>Reads and parses a config file; a missing file is a <see cref="FileNotFoundException"/> naming it.</summary>
    public static TrainingConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!InputFile.Exists(path, "training config", InputFile.TextCap)) throw new FileNotFoundException($"{path}: training config not found", path);
        var text = File.ReadAllText(path);
        try
        {
            return Parse(text, Path.GetFileNameWithoutExtension(path));
        }
        catch (LearningConfigException e)
        {
            throw new LearningConfigException($"{path}: {e.Message}");
        }
    }

    /// <summary>Parses a config document; <paramref name="name"/> names the run.</summary>
    public static TrainingConfig Parse(string json, string name)
    {
        var root = ConfigNode.Parse(json, "$");
        root.Text("description", "");
        var data = ParseData(root.Child("data") ?? throw root.Error("data", "is required"));
        var model = root.Child("model") ?? throw root.Error("model", "is required");
        var train = ParseTrain(root.Child("train") ?? throw root.Error("train", "is required"));
        root.RejectUnknownKeys();
        return new TrainingConfig
        {
            Name = name,
            Data = data,
            ModelJson = model.Element.GetRawText(),
            Train = train,
            Json = root.Element.GetRawText(),
        };
    }

    /// <summary>The same config running for <paramref name="epochs"/> epochs (the <c>--epochs</c> override).</summary>
    public TrainingConfig WithEpochs(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        return this with { Train = Train with { Epochs = epochs }, Json = Rewrite(Json, "train", "epochs", epochs) };
    }

    /// <summary>The same config training on <paramref name="device"/> (the <c>--device</c> override); the name is checked here.</summary>
    public TrainingConfig WithDevice(string device)
    {
        ArgumentNullException.ThrowIfNull(device);   // an empty name is bad input, refused below like any other
        if (TrainingDevice.NameProblem(device) is { } problem) throw new LearningConfigException($"--device: {problem}");
        return this with { Train = Train with { Device = device }, Json = Rewrite(Json, "train", "device", device) };
    }

    /// <summary>The same config reading its dataset from <paramref name="path"/> (the <c>--data</c> override).</summary>
    public TrainingConfig WithDataPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return this with { Data = Data with { Path = path }, Json = Rewrite(Json, "data", "path", path) };
    }

    private static string Rewrite(string json, string section, string key, JsonNode value)
    {
        var document = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        document[section]![key] = value;
        return document.ToJsonString();
    }

    internal static DataConfig ParseData(ConfigNode node)
    {
        var dataset = node.Text("dataset");
        if (dataset is not ("digits" or "fashion_mnist" or "graph" or "tactile"))
            throw node.Error("dataset", $"expected \"digits\", \"fashion_mnist\", \"graph\" or \"tactile\", got \"{dataset}\"");
        // The graph and tactile sets are generated (or come from networkx) and take their own object instead of a file.
        var graph = dataset == "graph" ? Graphs.GraphDataOptions.Parse(node.Child("graph") ?? throw node.Error("graph", "is required for dataset \"graph\"")) : null;
        var tactile = dataset == "tactile" ? Tactile.TactileDataOptions.Parse(node.Child("tactile")) : null;
        if (dataset is "graph" or "tactile" && node.Has("path")) throw node.Error("path", $"dataset \"{dataset}\" is generated, it reads no file");
        var path = node.Has("path") ? node.Text("path") : null;
        int? limitTrain = node.Has("limit_train") ? node.WholeNumber("limit_train", min: 1) : null;
        int? limitTest = node.Has("limit_test") ? node.WholeNumber("limit_test", min: 1) : null;
        var seed = node.WholeNumber("seed", fallback: 0, min: 0);
        node.RejectUnknownKeys();
        return new DataConfig(dataset, path, limitTrain, limitTest, seed, graph, tactile);
    }

    private static TrainConfig ParseTrain(ConfigNode node)
    {
        var epochs = node.WholeNumber("epochs", 1, 100_000);
        var batchSize = node.WholeNumber("batch_size", 1, 1_000_000);
        var optimizer = ParseOptimizer(node.Child("optimizer") ?? throw node.Error("optimizer", "is required"));
        var schedule = node.Text("schedule", "constant") switch
        {
            "constant" => LearningRateScheduleKind.Constant,
            "cosine" => LearningRateScheduleKind.Cosine,
            var other => throw node.Error("schedule", $"expected \"cosine\" or \"constant\", got \"{other}\""),
        };
        var minRate = node.Number("lr_min", 0, 0, optimizer.LearningRate);
        var lossName = node.Text("loss", "ce_mean");
        if (lossName is not ("ce_mean" or "tet" or "mse_count"))
            throw node.Error("loss", $"expected \"ce_mean\", \"tet\" or \"mse_count\", got \"{lossName}\"");
        // The loss constants belong to one loss each: naming another loss's constant is a mistake worth reporting.
        var loss = lossName switch
        {
            "tet" => new LossConfig(lossName, TetLambda: node.Number("tet_lambda", 0, 0, 1), TetPhi: node.Number("tet_phi", 1)),
            "mse_count" => new LossConfig(lossName, TargetRate: node.Number("target_rate", 1, 0, exclusiveMin: true)),
            _ => new LossConfig(lossName),
        };
        var seed = node.WholeNumber("seed", fallback: 0, min: 0);
        int? threads = node.Has("threads") ? node.WholeNumber("threads", 1, 1024) : null;
        var device = node.Text("device", TrainingDevice.Cpu);
        if (TrainingDevice.NameProblem(device) is { } deviceProblem) throw node.Error("device", deviceProblem);
        node.RejectUnknownKeys();
        return new TrainConfig(epochs, batchSize, optimizer, schedule, minRate, loss, seed, threads, device);
    }

    internal static OptimizerConfig ParseOptimizer(ConfigNode node)
    {
        var type = node.Text("type");
        var rate = node.Number("lr", 1e-3, 0, 10, exclusiveMin: true);
        var decay = node.Number("weight_decay", 0, 0);
        OptimizerConfig config = type switch
        {
            "adam" => ParseAdam(node, rate, decay),
            "sgd" => new OptimizerConfig(type, rate, node.Number("momentum", 0, 0, 1, exclusiveMin: false), decay),
            _ => throw node.Error("type", $"expected \"adam\" or \"sgd\", got \"{type}\""),
        };
        if (config.Momentum >= 1) throw node.Error("momentum", $"must be below 1, got {config.Momentum}");
        node.RejectUnknownKeys();
        return config;
    }

    private static OptimizerConfig ParseAdam(ConfigNode node, double rate, double decay)
    {
        var betas = node.Has("betas") ? node.Element.GetProperty("betas") : default;
        if (betas.ValueKind == JsonValueKind.Undefined) return new OptimizerConfig("adam", rate, 0, decay);
        if (betas.ValueKind != JsonValueKind.Array || betas.GetArrayLength() != 2
            || betas.EnumerateArray().Any(b => b.ValueKind != JsonValueKind.Number || !(b.GetDouble() >= 0 && b.GetDouble() < 1)))
            throw node.Error("betas", "expected two numbers in [0, 1), e.g. [0.9, 0.999]");
        return new OptimizerConfig("adam", rate, 0, decay, betas[0].GetDouble(), betas[1].GetDouble());
    }
}

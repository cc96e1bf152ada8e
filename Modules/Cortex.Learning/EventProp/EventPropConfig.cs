using System.Text.Json;
using Cortex.Input;
using Cortex.Learning.Encoding;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.EventProp;

/// <summary>
/// A training config whose <c>train.trainer</c> is <c>"eventprop"</c>: the same <c>data</c>/<c>model</c>/<c>train</c>
/// layout as a surrogate-gradient config, restricted to what EventProp's exact gradients are derived for, a
/// latency-coded input and feed-forward <c>linear</c> → <c>lif</c> pairs (current-based LIF: <c>tau_mem</c>,
/// <c>tau_syn</c>, <c>threshold</c>). Anything else (another neuron, a convolution, a recurrent layer) is refused
/// with its JSON path; unknown keys are errors.
/// </summary>
public sealed record EventPropConfig
{
    /// <summary>The value of <c>train.trainer</c> that selects this trainer.</summary>
    public const string TrainerName = "eventprop";

    /// <summary>The longest time constant, input window or trial accepted, in ms (1000 s).</summary>
    public const double MaxMilliseconds = 1e6;

    /// <summary>The run's name (the config file's name without extension).</summary>
    public required string Name { get; init; }

    /// <summary>The <c>data</c> section.</summary>
    public required DataConfig Data { get; init; }

    /// <summary>The <c>model</c> section.</summary>
    public required EventPropModelConfig Model { get; init; }

    /// <summary>The <c>train</c> section.</summary>
    public required EventPropTrainConfig Train { get; init; }

    /// <summary>The whole document (kept in the saved model).</summary>
    public required string Json { get; init; }

    /// <summary>
    /// True when the document names a trainer in <c>train.trainer</c> (surrogate-gradient configs have no such key),
    /// so this parser, not <see cref="TrainingConfig"/>, reads it and reports a wrong trainer name.
    /// </summary>
    public static bool Describes(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("train", out var train) && train.ValueKind == JsonValueKind.Object
                && train.TryGetProperty("trainer", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads and parses a config file; errors are prefixed with the file's path.</summary>
    public static EventPropConfig Load(string path, LearningRegistry registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!InputFile.Exists(path, "training config", InputFile.TextCap)) throw new FileNotFoundException($"{path}: training config not found", path);
        try
        {
            return Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), registry);
        }
        catch (LearningConfigException e)
        {
            throw new LearningConfigException($"{path}: {e.Message}");
        }
    }

    /// <summary>Parses a config document; <paramref name="name"/> names the run.</summary>
    public static EventPropConfig Parse(string json, string name, LearningRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var root = ConfigNode.Parse(json, "$");
        root.Text("description", "");
        var data = TrainingConfig.ParseData(root.Child("data") ?? throw root.Error("data", "is required"));
        var model = ParseModel(root.Child("model") ?? throw root.Error("model", "is required"), registry);
        var train = ParseTrain(root.Child("train") ?? throw root.Error("train", "is required"));
        root.RejectUnknownKeys();
        return new EventPropConfig { Name = name, Data = data, Model = model, Train = train, Json = root.Element.GetRawText() };
    }

    /// <summary>The same config running for <paramref name="epochs"/> epochs (the <c>--epochs</c> override).</summary>
    public EventPropConfig WithEpochs(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        return this with { Train = Train with { Epochs = epochs } };
    }

    private static EventPropModelConfig ParseModel(ConfigNode node, LearningRegistry registry)
    {
        var shape = node.WholeNumbers("input_shape");
        if (shape.Count == 0) throw node.Error("input_shape", "must list at least one dimension");
        for (var i = 0; i < shape.Count; i++)
        {
            if (shape[i] < 1) throw new LearningConfigException($"{node.Path}.input_shape[{i}]: must be >= 1, got {shape[i]}");
        }
        var encoderNode = node.Child("encoder") ?? throw node.Error("encoder", "is required: EventProp takes spike times, e.g. {\"type\": \"latency\"}");
        var encoderType = encoderNode.Text("type");
        if (encoderType != "latency")
            throw encoderNode.Error("type", $"EventProp takes one input spike per feature, \"latency\"; \"{encoderType}\" is not supported");
        var encoder = (LatencyEncoder)registry.CreateEncoder(encoderNode);
        // Times are in ms; a trial beyond 1000 s is no latency code, and near the double range the loss overflows.
        var window = node.Number("input_window", 20, 0, MaxMilliseconds, exclusiveMin: true);
        var duration = node.Number("duration", 2 * window, 0, MaxMilliseconds, exclusiveMin: true);
        if (duration < window) throw node.Error("duration", $"must be at least input_window ({window} ms), got {duration}");
        var layerNodes = node.Children("layers");
        var layers = ParseLayers(node, layerNodes, shape.Aggregate(1, (a, b) => a * b));
        node.RejectUnknownKeys();
        return new EventPropModelConfig(shape, encoder, window, duration, layers, layerNodes[0].Text("type") == "flatten" ? 1 : 0);
    }

    private static List<EventPropLayerConfig> ParseLayers(ConfigNode model, IReadOnlyList<ConfigNode> nodes, int inputs)
    {
        if (nodes.Count == 0) throw model.Error("layers", "must list at least one linear → lif pair");
        var layers = new List<EventPropLayerConfig>();
        var start = 0;
        if (nodes[0].Text("type") == "flatten")
        {
            nodes[0].RejectUnknownKeys();
            start = 1;
        }
        var fanIn = inputs;
        for (var i = start; i < nodes.Count; i += 2)
        {
            var linear = nodes[i];
            Supported(linear, "linear");
            if (i + 1 >= nodes.Count)
                throw new LearningConfigException($"{linear.Path}: a linear layer must be followed by a \"lif\" layer (the output neurons' first spikes are the answer)");
            var lif = nodes[i + 1];
            Supported(lif, "lif");
            var neurons = linear.WholeNumber("out", 1, 1_000_000);
            if (linear.Flag("bias", false)) throw linear.Error("bias", "EventProp's synapses carry no bias; remove the key or set it to false");
            var mean = linear.Number("init_mean", 0);
            var std = linear.Number("init_std", 1 / Math.Sqrt(fanIn), 0);
            linear.RejectUnknownKeys();
            var tauMem = lif.Number("tau_mem", 20, 0, MaxMilliseconds, exclusiveMin: true);
            var tauSyn = lif.Number("tau_syn", 5, 0, MaxMilliseconds, exclusiveMin: true);
            if (tauSyn == tauMem) throw lif.Error("tau_syn", $"must differ from tau_mem ({tauMem}); the closed-form solution divides by their difference");
            var threshold = lif.Number("threshold", 1, 0, exclusiveMin: true);
            lif.RejectUnknownKeys();
            layers.Add(new EventPropLayerConfig(neurons, new CurrentLif(tauMem, tauSyn, threshold), mean, std));
            fanIn = neurons;
        }
        if (layers[^1].Neurons < 2)
            throw new LearningConfigException($"{nodes[^2].Path}.out: the output layer needs one neuron per class (>= 2), got {layers[^1].Neurons}");
        return layers;
    }

    // Names why a registered layer type cannot join an EventProp network, so the user learns what to change.
    private static void Supported(ConfigNode layer, string expected)
    {
        var type = layer.Text("type");
        if (type == expected) return;
        var reason = type switch
        {
            "if" or "plif" or "alif" or "hoyer" =>
                $"EventProp's exact gradients are derived here for current-based LIF neurons (\"lif\" with tau_mem and tau_syn); \"{type}\" neurons are not supported",
            "conv2d" or "avgpool" or "maxpool" or "sumpool" =>
                $"\"{type}\" is not supported: EventProp here trains fully connected networks (linear → lif pairs)",
            "plastic_rnn" => "recurrent layers are not supported: EventProp here trains feed-forward networks (linear → lif pairs)",
            "residual" => "residual blocks are not supported: EventProp here trains plain feed-forward networks (linear → lif pairs)",
            "tdbn" or "bntt" or "dropout" => $"\"{type}\" has no event-based counterpart here; EventProp networks are linear → lif pairs",
            "flatten" => "flatten may only come first",
            "linear" or "lif" => $"expected a \"{expected}\" layer here (EventProp networks alternate linear → lif), got \"{type}\"",
            _ => $"unknown layer type \"{type}\" for EventProp (available: flatten first, then linear → lif pairs)",
        };
        throw layer.Error("type", reason);
    }

    private static EventPropTrainConfig ParseTrain(ConfigNode node)
    {
        var trainer = node.Text("trainer");
        if (trainer != TrainerName)
            throw node.Error("trainer", $"expected \"{TrainerName}\" (or leave the key out for surrogate-gradient BPTT), got \"{trainer}\"");
        var epochs = node.WholeNumber("epochs", 1, 100_000);
        var batchSize = node.WholeNumber("batch_size", 1, 1_000_000);
        var optimizer = TrainingConfig.ParseOptimizer(node.Child("optimizer") ?? throw node.Error("optimizer", "is required"));
        var schedule = node.Text("schedule", "constant") switch
        {
            "constant" => LearningRateScheduleKind.Constant,
            "cosine" => LearningRateScheduleKind.Cosine,
            var other => throw node.Error("schedule", $"expected \"cosine\" or \"constant\", got \"{other}\""),
        };
        var minRate = node.Number("lr_min", 0, 0, optimizer.LearningRate);
        var lossName = node.Text("loss", "first_spike");
        if (lossName != "first_spike") throw node.Error("loss", $"EventProp trains the first-spike-time loss, \"first_spike\"; got \"{lossName}\"");
        var loss = new FirstSpikeTimeLoss(
            node.Number("tau0", 2, 0, exclusiveMin: true),
            node.Number("tau1", 20, 0, exclusiveMin: true),
            node.Number("alpha", 0.003, 0),
            node.Number("silent_label_push", 0, 0));
        var seed = node.WholeNumber("seed", fallback: 0, min: 0);
        int? threads = node.Has("threads") ? node.WholeNumber("threads", 1, 1024) : null;
        node.RejectUnknownKeys();
        return new EventPropTrainConfig(epochs, batchSize, optimizer, schedule, minRate, loss, seed, threads);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Input;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.EventProp;

/// <summary>
/// A trained EventProp network in one JSON file: the config that built it, the epochs done and each layer's
/// weights as float64 (JSON round-trips doubles exactly), so <see cref="Load"/> gives back the same spike times.
/// </summary>
public static class EventPropModelFile
{
    private const string Format = "cortex-eventprop-1";

    /// <summary>Writes <paramref name="network"/> (built from <paramref name="config"/>) to <paramref name="path"/> through a temporary file.</summary>
    public static void Save(string path, EventPropConfig config, EventPropNetwork network, int epochsDone)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(network);
        var document = new JsonObject
        {
            ["format"] = Format,
            ["name"] = config.Name,
            ["epochs_done"] = epochsDone,
            ["config"] = JsonNode.Parse(config.Json),
            ["weights"] = new JsonArray([.. network.Layers.Select(l => (JsonNode)new JsonObject
            {
                ["inputs"] = l.Inputs,
                ["outputs"] = l.Outputs,
                ["values"] = new JsonArray([.. l.Weights.Select(w => (JsonNode)w)]),
            })]),
        };
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, document.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a saved network; a missing, foreign or inconsistent file throws <see cref="CheckpointException"/> naming it.</summary>
    public static (EventPropConfig Config, EventPropNetwork Network) Load(string path, LearningRegistry registry)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(registry);
        if (!InputFile.Exists(path, "EventProp model", InputFile.TextCap)) throw new CheckpointException($"{path}: EventProp model not found");
        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            if (document["format"]?.GetValue<string>() != Format)
                throw new CheckpointException($"{path}: not a Cortex EventProp model (its \"format\" is not \"{Format}\")");
            var config = EventPropConfig.Parse(document["config"]!.ToJsonString(), document["name"]!.GetValue<string>(), registry);
            var network = EventPropTrainer.CreateNetwork(config.Model, 0);
            var layers = document["weights"]!.AsArray();
            if (layers.Count != network.Layers.Count)
                throw new CheckpointException($"{path}: holds {layers.Count} weight layers but its config describes {network.Layers.Count}");
            for (var l = 0; l < layers.Count; l++)
            {
                var values = layers[l]!["values"]!.AsArray();
                var target = network.Layers[l].Weights;
                if (values.Count != target.Length)
                    throw new CheckpointException($"{path}: weights[{l}] holds {values.Count} values, its config needs {target.Length}");
                for (var k = 0; k < target.Length; k++) target[k] = values[k]!.GetValue<double>();
            }
            return (config, network);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or LearningConfigException or FormatException)
        {
            throw new CheckpointException($"{path}: cannot read the EventProp model: {e.Message}", e);
        }
    }
}

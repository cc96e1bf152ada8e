using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// The valid inputs the campaign starts from: the shipped example specs and training configs (read from the copy
/// next to the test assembly), and a spec that touches every connector, stimulus, synapse and probe kind. Each is
/// made cheap first (5 ms of simulation, one epoch on a few samples), so that only a mutation can make it costly.
/// </summary>
internal static class CampaignSeeds
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Specs by name.</summary>
    public static IReadOnlyList<(string Name, JsonNode Document)> Specs { get; } = LoadSpecs();

    /// <summary>A spec touching every connector, stimulus, synapse model, plasticity rule and probe kind.</summary>
    public const string EveryKind = """
        {
          "name": "every-kind",
          "simulation": { "dt": "0.1 ms", "duration": "5 ms", "seed": 2 },
          "populations": [
            { "name": "a", "size": 6, "model": "lif", "initial": { "v": { "dist": "normal", "mean": "-60 mV", "std": "2 mV" } },
              "positions": { "box_min": [0, 0, 0], "box_max": [100, 100, 100] } },
            { "name": "b", "size": 4, "model": "izhikevich" },
            { "name": "c", "size": 3, "model": "hh" },
            { "name": "d", "size": 3, "model": "adex" },
            { "name": "e", "size": 2, "model": "if" }
          ],
          "projections": [
            { "source": "a", "target": "b", "connector": { "type": "fixed_probability", "p": 0.5 }, "weight": { "dist": "uniform", "low": "0.1 nA", "high": "0.2 nA" },
              "delay": "1 ms", "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } }, "plasticity": { "rule": "stdp" } },
            { "source": "a", "target": "c", "connector": { "type": "fixed_indegree", "k": 2 }, "weight": "1 nS", "synapse": { "model": "exp_conductance", "params": { "tau_syn": "5 ms", "e_rev": "0 mV" } } },
            { "source": "b", "target": "d", "connector": { "type": "fixed_outdegree", "k": 1 }, "weight": "2 mV", "synapse": { "model": "delta" } },
            { "source": "c", "target": "e", "connector": { "type": "fixed_total_number", "n": 4 }, "weight": "10 pA", "synapse": { "model": "pulse_current" } },
            { "source": "d", "target": "d", "connector": "one_to_one", "weight": "-5 pA", "delay": { "dist": "uniform", "low": "0.5 ms", "high": "2 ms" } },
            { "source": "e", "target": "a", "connector": { "type": "list", "connections": [ [0, 1], [1, 2] ] }, "weight": "5 pA" },
            { "source": "a", "target": "a", "connector": "all_to_all", "weight": "1 pA" }
          ],
          "stimuli": [
            { "type": "dc", "target": "a", "amplitude": "0.6 nA", "start": "1 ms", "stop": "4 ms" },
            { "type": "poisson", "target": "b", "indices": [0, 2], "rate": "2 kHz", "weight": "3 mV", "synapse": { "model": "delta" } },
            { "type": "spike_times", "target": "c", "times": ["1 ms", "2.5 ms"], "weight": "1 nA" }
          ],
          "probes": [
            { "type": "spikes", "population": "a" },
            { "type": "state", "population": "b", "variable": "v", "indices": [0, 1], "interval": "0.5 ms" },
            { "type": "state", "population": "c", "variable": "v" }
          ]
        }
        """;

    /// <summary>
    /// The training configs of <c>examples/learning</c>, cut to one epoch on a few samples (the digits configs read
    /// <paramref name="digitsCsv"/>, a synthetic file, so no dataset install is needed) or a few episodes.
    /// </summary>
    public static IReadOnlyList<(string Name, JsonNode Document)> TrainingConfigs(string digitsCsv)
    {
        var configs = new List<(string, JsonNode)>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "learning"), "*.json").Order(StringComparer.Ordinal))
        {
            // The 1000-bit pattern task keeps 1000×1000 plastic traces for every step of backpropagation through time:
            // about 5 GB and 45 s for 4 episodes. Its 100-bit twin covers the same code.
            if (path.EndsWith("_1000.json", StringComparison.Ordinal)) continue;
            var document = Parse(File.ReadAllText(path));
            if (document["data"] is JsonObject data)
            {
                if (data["dataset"]?.GetValue<string>() == "digits") data["path"] = digitsCsv;
                data["limit_train"] = 40;
                data["limit_test"] = 20;
            }
            if (document["train"] is JsonObject train)
            {
                if (train.ContainsKey("epochs")) train["epochs"] = 1;
                if (train.ContainsKey("episodes")) train["episodes"] = 4;
                if (train.ContainsKey("evaluation_episodes")) train["evaluation_episodes"] = 4;
                if (train.ContainsKey("batch_size")) train["batch_size"] = 4;
            }
            configs.Add((Path.GetFileNameWithoutExtension(path), document));
        }
        return configs;
    }

    /// <summary>Parses JSON the way the host reads specs (comments allowed).</summary>
    public static JsonNode Parse(string json) => JsonNode.Parse(json, documentOptions: Lenient) ?? throw new InvalidOperationException("empty seed");

    private static List<(string, JsonNode)> LoadSpecs()
    {
        var specs = new List<(string, JsonNode)> { ("every-kind", Parse(EveryKind)), ("small", Parse(Host.Tests.Specs.Small(duration: "5 ms"))) };
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.json").Order(StringComparer.Ordinal))
        {
            var document = Parse(File.ReadAllText(path));
            if (document["simulation"] is JsonObject simulation) simulation["duration"] = "5 ms";
            // The microcircuit at 10 % takes seconds to connect; 1 % keeps every case cheap.
            foreach (var circuit in document["circuits"]?.AsArray() ?? [])
                if (circuit?["params"] is JsonObject parameters && parameters.ContainsKey("scale")) parameters["scale"] = 0.01;
            specs.Add((Path.GetFileNameWithoutExtension(path), document));
        }
        return specs;
    }
}

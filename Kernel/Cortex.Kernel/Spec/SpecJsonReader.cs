using System.Text.Json;
using Cortex.Units;

namespace Cortex.Spec;

/// <summary>
/// Turns a JSON document into a <see cref="NetworkSpec"/>, collecting every structural problem
/// (wrong type, unknown field, bad unit) with its path instead of stopping at the first.
/// Semantic checks (model names, ranges) are the validator's job.
/// </summary>
internal sealed partial class SpecJsonReader
{
    public List<SpecError> Errors { get; } = [];

    public NetworkSpec ReadNetwork(JsonElement root)
    {
        if (!ExpectObject(root, "$", "name", "simulation", "populations", "projections", "stimuli", "probes", "neuromodulators", "circuits"))
            return new NetworkSpec();
        return new NetworkSpec
        {
            Name = OptionalString(root, "name", "name") ?? "network",
            Simulation = root.TryGetProperty("simulation", out var sim) ? ReadSimulation(sim, "simulation") : new SimulationSettings(),
            Populations = ReadArray(root, "populations", "populations", ReadPopulation),
            Projections = ReadArray(root, "projections", "projections", ReadProjection),
            Stimuli = ReadArray(root, "stimuli", "stimuli", ReadStimulus),
            Probes = ReadArray(root, "probes", "probes", ReadProbe),
            Neuromodulators = ReadArray(root, "neuromodulators", "neuromodulators", ReadNeuromodulator),
            Circuits = ReadArray(root, "circuits", "circuits", ReadCircuit),
        };
    }

    private NeuromodulatorSpec? ReadNeuromodulator(JsonElement e, string path)
    {
        if (!ExpectObject(e, path, "name", "baseline", "tau")) return null;
        double baseline = 0;
        if (e.TryGetProperty("baseline", out var b))
        {
            if (b.ValueKind == JsonValueKind.Number && double.IsFinite(b.GetDouble())) baseline = b.GetDouble();
            else Error($"{path}.baseline", $"must be a finite number (a level has no unit), got {Show(b)}");
        }
        return new NeuromodulatorSpec
        {
            Name = RequiredString(e, "name", path),
            Baseline = baseline,
            Tau = e.TryGetProperty("tau", out var tau) ? ReadQuantity(tau, $"{path}.tau") : null,
        };
    }

    private CircuitSpec? ReadCircuit(JsonElement e, string path)
    {
        if (!ExpectObject(e, path, "type", "name", "params")) return null;
        return new CircuitSpec
        {
            Type = RequiredString(e, "type", path),
            Name = RequiredString(e, "name", path),
            Params = ReadQuantityMap(e, "params", path, out var named),
            Named = named,
        };
    }

    // Circuit parameters may name one of their choices ("background": "dc"): a single word that is no quantity is kept
    // aside for the expander, which knows the choices; anything else must read as a quantity here.
    private Dictionary<string, Quantity> ReadQuantityMap(JsonElement parent, string key, string path, out Dictionary<string, string> named)
    {
        named = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.TryGetProperty(key, out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var p in map.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } text && !text.Any(char.IsWhiteSpace)
                    && !Quantity.TryParse(text, out _, out _))
                    words[p.Name] = text;
        var quantities = ReadQuantityMap(parent, key, path, words.Keys.ToHashSet(StringComparer.Ordinal));
        foreach (var (name, text) in words) named[name] = text;
        return quantities;
    }

    private SimulationSettings ReadSimulation(JsonElement e, string path)
    {
        var settings = new SimulationSettings();
        if (!ExpectObject(e, path, "dt", "duration", "seed")) return settings;
        if (e.TryGetProperty("dt", out var dt)) settings = settings with { Dt = ReadQuantity(dt, $"{path}.dt") };
        if (e.TryGetProperty("duration", out var duration)) settings = settings with { Duration = ReadQuantity(duration, $"{path}.duration") };
        if (e.TryGetProperty("seed", out var seed))
        {
            if (seed.ValueKind == JsonValueKind.Number && seed.TryGetUInt64(out var s)) settings = settings with { Seed = s };
            else Error($"{path}.seed", $"must be a whole number >= 0, got {Show(seed)}");
        }
        return settings;
    }

    private PopulationSpec? ReadPopulation(JsonElement e, string path)
    {
        if (!ExpectObject(e, path, "name", "size", "model", "params", "initial", "positions")) return null;
        return new PopulationSpec
        {
            Name = RequiredString(e, "name", path),
            Size = RequiredInt(e, "size", path),
            Model = RequiredString(e, "model", path),
            Params = ReadValueMap(e, "params", path, "name"),
            Initial = ReadValueMap(e, "initial", path, "variable"),
            Positions = e.TryGetProperty("positions", out var positions) ? ReadPositions(positions, $"{path}.positions") : null,
        };
    }

    private PositionsSpec? ReadPositions(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Array)
            return new PositionsSpec { Points = [.. e.EnumerateArray().Select((p, i) => ReadPoint(p, $"{path}[{i}]"))] };
        if (!ExpectObject(e, path, "box_min", "box_max")) return null;
        if (!e.TryGetProperty("box_min", out var min) || !e.TryGetProperty("box_max", out var max))
        {
            Error(path, "needs either a list of [x, y, z] points or both 'box_min' and 'box_max'");
            return null;
        }
        return new PositionsSpec { BoxMin = ReadPoint(min, $"{path}.box_min"), BoxMax = ReadPoint(max, $"{path}.box_max") };
    }

    private Point3 ReadPoint(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 3 && e.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number))
        {
            var v = e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
            return new Point3(v[0], v[1], v[2]);
        }
        Error(path, $"must be [x, y, z] in µm, got {Show(e)}");
        return default;
    }

    private ProjectionSpec? ReadProjection(JsonElement e, string path)
    {
        if (!ExpectObject(e, path, "name", "source", "target", "connector", "weight", "delay", "synapse", "plasticity", "weight_precision")) return null;
        return new ProjectionSpec
        {
            Name = OptionalString(e, "name", $"{path}.name"),
            Source = RequiredString(e, "source", path),
            Target = RequiredString(e, "target", path),
            Connector = e.TryGetProperty("connector", out var c) ? ReadConnector(c, $"{path}.connector") : Missing<ConnectorSpec>(path, "connector", new AllToAllConnector()),
            Weight = e.TryGetProperty("weight", out var w) ? ReadValue(w, $"{path}.weight") : Missing<ValueSpec>(path, "weight", Q.Number(0)),
            Delay = e.TryGetProperty("delay", out var d) ? ReadValue(d, $"{path}.delay") : new ConstantValue(Q.Ms(1)),
            Synapse = e.TryGetProperty("synapse", out var s) ? ReadSynapse(s, $"{path}.synapse") : new SynapseSpec(),
            Plasticity = e.TryGetProperty("plasticity", out var p) ? ReadPlasticity(p, $"{path}.plasticity") : null,
            WeightPrecision = ReadWeightPrecision(e, $"{path}.weight_precision"),
        };
    }

    private WeightPrecision ReadWeightPrecision(JsonElement e, string path)
    {
        switch (OptionalString(e, "weight_precision", path))
        {
            case null or "32bit": return WeightPrecision.Full;
            case "16bit": return WeightPrecision.Grid16;
            case var other:
                Error(path, $"unknown weight precision '{other}' (available: 32bit, 16bit)");
                return WeightPrecision.Full;
        }
    }

    private ConnectorSpec ReadConnector(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            var name = e.GetString();
            if (name == "all_to_all") return new AllToAllConnector();
            if (name == "one_to_one") return new OneToOneConnector();
            Error(path, $"'{name}' needs parameters; write it as an object, e.g. {{\"type\": \"fixed_probability\", \"p\": 0.02}}");
            return new AllToAllConnector();
        }
        if (IsBlockConnector(e)) return ReadBlockConnector(e, path);
        if (!ExpectObject(e, path, "type", "p", "k", "allow_autapses", "allow_multapses", "connections", "n")) return new AllToAllConnector();
        var type = RequiredString(e, "type", path);
        var autapses = OptionalBool(e, "allow_autapses", path) ?? true;
        var multapses = OptionalBool(e, "allow_multapses", path) ?? true;
        switch (type)
        {
            case "all_to_all": return new AllToAllConnector(autapses);
            case "one_to_one": return new OneToOneConnector();
            case "fixed_probability": return new FixedProbabilityConnector(RequiredNumber(e, "p", path), autapses);
            case "fixed_indegree": return new FixedInDegreeConnector(RequiredInt(e, "k", path), autapses, multapses);
            case "fixed_outdegree": return new FixedOutDegreeConnector(RequiredInt(e, "k", path), autapses, multapses);
            case "fixed_total_number": return new FixedTotalNumberConnector(RequiredCount(e, "n", path), autapses);
            case "list": return new ExplicitConnector(ReadArray(e, "connections", $"{path}.connections", ReadConnection));
            case "": return new AllToAllConnector();
            default:
                Error($"{path}.type", $"unknown connector '{type}' (available: all_to_all, one_to_one, fixed_probability, fixed_indegree, fixed_outdegree, fixed_total_number, list, blocks)");
                return new AllToAllConnector();
        }
    }

    private ExplicitConnection? ReadConnection(JsonElement e, string path)
    {
        // Compact form [source, target] or an object with optional weight and delay.
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2
            && TryGetWholeNumber(e[0], out var s) && TryGetWholeNumber(e[1], out var t))
            return new ExplicitConnection(s, t);
        if (!ExpectObject(e, path, "source", "target", "weight", "delay")) return null;
        return new ExplicitConnection(
            RequiredInt(e, "source", path), RequiredInt(e, "target", path),
            e.TryGetProperty("weight", out var w) ? ReadQuantity(w, $"{path}.weight") : null,
            e.TryGetProperty("delay", out var d) ? ReadQuantity(d, $"{path}.delay") : null);
    }

    private SynapseSpec ReadSynapse(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String) return new SynapseSpec { Model = e.GetString()! };
        if (!ExpectObject(e, path, "model", "port", "params")) return new SynapseSpec();
        var defaults = new SynapseSpec();
        return new SynapseSpec
        {
            Model = OptionalString(e, "model", $"{path}.model") ?? defaults.Model,
            Port = OptionalString(e, "port", $"{path}.port") ?? defaults.Port,
            Params = ReadQuantityMap(e, "params", path),
        };
    }

    private PlasticitySpec? ReadPlasticity(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String) return new PlasticitySpec { Rule = e.GetString()! };
        if (!ExpectObject(e, path, "rule", "params")) return null;
        return new PlasticitySpec { Rule = RequiredString(e, "rule", path), Params = ReadQuantityMap(e, "params", path) };
    }

    private StimulusSpec? ReadStimulus(JsonElement e, string path)
    {
        if (!ExpectObject(e, path, "type", "target", "indices", "amplitude", "start", "stop", "rate", "weight", "synapse", "times")) return null;
        var type = RequiredString(e, "type", path);
        var target = RequiredString(e, "target", path);
        var indices = ReadIndices(e, path);
        Quantity? Optional(string key) => e.TryGetProperty(key, out var v) ? ReadQuantity(v, $"{path}.{key}") : null;
        Quantity Required(string key) => Optional(key) ?? Missing(path, key, Q.Number(0));
        SynapseSpec Synapse() => e.TryGetProperty("synapse", out var s) ? ReadSynapse(s, $"{path}.synapse") : new SynapseSpec();
        switch (type)
        {
            case "dc":
                return new DcStimulus { Target = target, Indices = indices, Amplitude = Required("amplitude"), Start = Optional("start"), Stop = Optional("stop") };
            case "poisson":
                return new PoissonStimulus { Target = target, Indices = indices, Rate = Required("rate"), Weight = Required("weight"), Synapse = Synapse(), Start = Optional("start"), Stop = Optional("stop") };
            case "spike_times":
                return new SpikeTimesStimulus { Target = target, Indices = indices, Times = e.TryGetProperty("times", out _) ? ReadArray(e, "times", $"{path}.times", ReadQuantity) : Missing<List<Quantity>>(path, "times", []), Weight = Required("weight"), Synapse = Synapse() };
            case "":
                return null;
            default:
                Error($"{path}.type", $"unknown stimulus '{type}' (available: dc, poisson, spike_times)");
                return null;
        }
    }

    private ProbeSpec? ReadProbe(JsonElement e, string path)
    {
        if (!ExpectObject(e, path, "type", "population", "indices", "variable", "interval")) return null;
        var type = RequiredString(e, "type", path);
        var population = RequiredString(e, "population", path);
        var indices = ReadIndices(e, path);
        switch (type)
        {
            case "spikes":
                return new SpikeProbe { Population = population, Indices = indices };
            case "state":
                return new StateProbe
                {
                    Population = population, Indices = indices, Variable = RequiredString(e, "variable", path),
                    Interval = e.TryGetProperty("interval", out var i) ? ReadQuantity(i, $"{path}.interval") : null,
                };
            case "":
                return null;
            default:
                Error($"{path}.type", $"unknown probe '{type}' (available: spikes, state)");
                return null;
        }
    }

    private List<int>? ReadIndices(JsonElement e, string path)
    {
        if (!e.TryGetProperty("indices", out var indices)) return null;
        if (indices.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.indices", $"must be a list of neuron indices, got {Show(indices)}");
            return null;
        }
        var result = new List<int>();
        var i = 0;
        foreach (var item in indices.EnumerateArray())
        {
            if (TryGetWholeNumber(item, out var index)) result.Add(index);
            else Error($"{path}.indices[{i}]", $"must be a whole number (a neuron index), got {Show(item)}");
            i++;
        }
        return result;
    }

    // TryGetInt32 throws on anything but a number (null included), so check the kind first.
    private static bool TryGetWholeNumber(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    private ValueSpec ReadValue(JsonElement e, string path)
    {
        if (e.ValueKind is JsonValueKind.String or JsonValueKind.Number) return new ConstantValue(ReadQuantity(e, path));
        if (!ExpectObject(e, path, "dist", "low", "high", "mean", "std", "min", "max")) return new ConstantValue(Q.Number(0));
        var dist = RequiredString(e, "dist", path);
        Quantity Get(string key) => e.TryGetProperty(key, out var v) ? ReadQuantity(v, $"{path}.{key}") : Missing(path, key, Q.Number(0));
        Quantity? Maybe(string key) => e.TryGetProperty(key, out var v) ? ReadQuantity(v, $"{path}.{key}") : null;
        switch (dist)
        {
            case "uniform": return new UniformValue(Get("low"), Get("high"));
            case "normal": return new NormalValue(Get("mean"), Get("std"), Maybe("min"), Maybe("max"));
            case "": return new ConstantValue(Q.Number(0));
            default:
                Error($"{path}.dist", $"unknown distribution '{dist}' (available: uniform, normal)");
                return new ConstantValue(Q.Number(0));
        }
    }

    private Quantity ReadQuantity(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            // 1e400 reads as infinity, which range rules such as "must be >= 0" would let through.
            var number = e.GetDouble();
            if (double.IsFinite(number)) return Q.Number(number);
            Error(path, $"'{e.GetRawText()}' is not a finite number");
            return Q.Number(0);
        }
        if (e.ValueKind == JsonValueKind.String)
        {
            if (Quantity.TryParse(e.GetString(), out var q, out var error)) return q;
            Error(path, error);
            return Q.Number(0);
        }
        Error(path, $"must be a number or a quantity string such as '20 ms', got {Show(e)}");
        return Q.Number(0);
    }

    private Dictionary<string, Quantity> ReadQuantityMap(JsonElement parent, string key, string path, HashSet<string>? skip = null)
    {
        var result = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(key, out var map)) return result;
        if (map.ValueKind != JsonValueKind.Object)
        {
            Error($"{path}.{key}", $"must be an object of name: value, got {Show(map)}");
            return result;
        }
        foreach (var p in map.EnumerateObject())
            if (skip is null || !skip.Contains(p.Name)) result[p.Name] = ReadQuantity(p.Value, $"{path}.{key}.{p.Name}");
        return result;
    }

    private Dictionary<string, ValueSpec> ReadValueMap(JsonElement parent, string key, string path, string noun)
    {
        var result = new Dictionary<string, ValueSpec>(StringComparer.Ordinal);
        if (!parent.TryGetProperty(key, out var map)) return result;
        if (map.ValueKind != JsonValueKind.Object)
        {
            Error($"{path}.{key}", $"must be an object of {noun}: value, got {Show(map)}");
            return result;
        }
        foreach (var p in map.EnumerateObject()) result[p.Name] = ReadValue(p.Value, $"{path}.{key}.{p.Name}");
        return result;
    }

    private List<T> ReadArray<T>(JsonElement parent, string key, string path, Func<JsonElement, string, T?> read)
    {
        var result = new List<T>();
        if (!parent.TryGetProperty(key, out var array)) return result;
        if (array.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"must be a list, got {Show(array)}");
            return result;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var value = read(item, $"{path}[{i++}]");
            if (value is not null) result.Add(value);
        }
        return result;
    }

    private bool ExpectObject(JsonElement e, string path, params string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be an object, got {Show(e)}");
            return false;
        }
        foreach (var property in e.EnumerateObject())
        {
            if (allowed.Contains(property.Name, StringComparer.Ordinal)) continue;
            var hint = EditDistance.Closest(property.Name, allowed);
            Error(Join(path, property.Name), $"unknown field{(hint is null ? "" : $" (did you mean '{hint}'?)")}; allowed: {string.Join(", ", allowed)}");
        }
        return true;
    }

    private string RequiredString(JsonElement e, string key, string path)
    {
        if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
        Error(Join(path, key), v.ValueKind == JsonValueKind.Undefined ? "is required" : $"must be a string, got {Show(v)}");
        return "";
    }

    private string? OptionalString(JsonElement e, string key, string path)
    {
        if (!e.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        Error(path, $"must be a string, got {Show(v)}");
        return null;
    }

    private bool? OptionalBool(JsonElement e, string key, string path)
    {
        if (!e.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Error(Join(path, key), $"must be true or false, got {Show(v)}");
        return null;
    }

    private int RequiredInt(JsonElement e, string key, string path)
    {
        if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        Error(Join(path, key), v.ValueKind == JsonValueKind.Undefined ? "is required"
            : v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var big) && Math.Abs(big) > int.MaxValue && big == Math.Floor(big)
                ? $"must be at most {int.MaxValue:N0}, got {Show(v)}"
                : $"must be a whole number, got {Show(v)}");
        return 0;
    }

    // A synapse count may pass int.MaxValue in JSON; the validator says how far a projection may go.
    private long RequiredCount(JsonElement e, string key, string path)
    {
        if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        Error(Join(path, key), v.ValueKind == JsonValueKind.Undefined ? "is required" : $"must be a whole number, got {Show(v)}");
        return 0;
    }

    private double RequiredNumber(JsonElement e, string key, string path)
    {
        if (e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        Error(Join(path, key), v.ValueKind == JsonValueKind.Undefined ? "is required" : $"must be a number, got {Show(v)}");
        return 0;
    }

    private T Missing<T>(string path, string key, T fallback)
    {
        Error(Join(path, key), "is required");
        return fallback;
    }

    private void Error(string path, string message) => Errors.Add(new SpecError(path, message));

    private static string Join(string path, string key) => path == "$" ? key : $"{path}.{key}";

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"'{e.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Undefined => "nothing",
        _ => e.GetRawText(),
    };
}

using System.Globalization;
using System.Text.Json;

namespace Cortex.Learning.Registry;

/// <summary>
/// A JSON object of a training configuration together with its path (<c>model.layers[2]</c>), so every
/// error names the offending element. Unknown keys are reported by <see cref="RejectUnknownKeys"/>.
/// </summary>
public sealed class ConfigNode
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="element"/>, which must be a JSON object.</summary>
    public ConfigNode(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new LearningConfigException($"{path}: expected an object, got {element.ValueKind.ToString().ToLowerInvariant()}");
        Element = element;
        Path = path;
    }

    /// <summary>The JSON object.</summary>
    public JsonElement Element { get; }

    /// <summary>Where it sits in the document.</summary>
    public string Path { get; }

    /// <summary>Parses a whole document.</summary>
    public static ConfigNode Parse(string json, string path = "$")
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            // Found by the bad-input campaign: a lone surrogate ("\ud800") parses but throws when read, deep in training.
            if (Cortex.Spec.JsonStrings.FirstUndecodable(document.RootElement) is { } bad)
                throw new LearningConfigException($"{(bad.Length == 0 ? path : $"{path}.{bad}")}: holds an invalid string (a lone UTF-16 surrogate escape such as \\ud800)");
            return new ConfigNode(document.RootElement.Clone(), path);
        }
        catch (JsonException e)
        {
            throw new LearningConfigException($"{path}: malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}");
        }
    }

    /// <summary>True when the key is present.</summary>
    public bool Has(string key) => Optional(key) is not null;

    /// <summary>A required string.</summary>
    public string Text(string key) => Optional(key) is { } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(key, $"expected a string, got {Show(value)}")
        : throw Error(key, "is required");

    /// <summary>An optional string.</summary>
    public string Text(string key, string fallback) => Has(key) ? Text(key) : fallback;

    /// <summary>A number with a default and an allowed range (inclusive unless stated).</summary>
    public double Number(string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool exclusiveMin = false)
    {
        if (Optional(key) is not { } value) return fallback;
        if (value.ValueKind != JsonValueKind.Number) throw Error(key, $"expected a number, got {Show(value)}");
        var number = value.GetDouble();
        if (!double.IsFinite(number) || number < min || number > max || (exclusiveMin && number <= min))
            throw Error(key, $"must be {(exclusiveMin ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}"
                + (double.IsPositiveInfinity(max) ? "" : $" and <= {max.ToString(CultureInfo.InvariantCulture)}")
                + $", got {number.ToString(CultureInfo.InvariantCulture)}");
        return number;
    }

    /// <summary>A whole number with a default and an allowed range.</summary>
    public int WholeNumber(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Optional(key) is not { } value) return fallback;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            throw Error(key, $"expected a whole number, got {Show(value)}");
        if (number < min || number > max)
            throw Error(key, $"must be between {min} and {max}, got {number}");
        return number;
    }

    /// <summary>A required whole number in range.</summary>
    public int WholeNumber(string key, int min = int.MinValue, int max = int.MaxValue) =>
        Has(key) ? WholeNumber(key, 0, min, max) : throw Error(key, "is required");

    /// <summary>A boolean with a default.</summary>
    public bool Flag(string key, bool fallback)
    {
        if (Optional(key) is not { } value) return fallback;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(key, $"expected true or false, got {Show(value)}"),
        };
    }

    /// <summary>A list of whole numbers (e.g. a shape).</summary>
    public IReadOnlyList<int> WholeNumbers(string key, IReadOnlyList<int>? fallback = null)
    {
        if (Optional(key) is not { } value)
            return fallback ?? throw Error(key, "is required");
        if (value.ValueKind != JsonValueKind.Array) throw Error(key, $"expected a list of whole numbers, got {Show(value)}");
        var result = new List<int>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var number))
                throw new LearningConfigException($"{Path}.{key}[{i}]: expected a whole number, got {Show(item)}");
            result.Add(number);
            i++;
        }
        return result;
    }

    /// <summary>A nested object, or null when absent.</summary>
    public ConfigNode? Child(string key)
    {
        if (Optional(key) is not { } value) return null;
        return value.ValueKind == JsonValueKind.Object
            ? new ConfigNode(value, $"{Path}.{key}")
            : throw Error(key, $"expected an object, got {Show(value)}");
    }

    /// <summary>A list of objects (e.g. layers); empty when absent.</summary>
    public IReadOnlyList<ConfigNode> Children(string key)
    {
        if (Optional(key) is not { } value) return [];
        if (value.ValueKind != JsonValueKind.Array) throw Error(key, $"expected a list, got {Show(value)}");
        return [.. value.EnumerateArray().Select((item, i) => new ConfigNode(item, $"{Path}.{key}[{i}]"))];
    }

    /// <summary>Throws naming every key that no reader asked for (typos would otherwise be silently ignored).</summary>
    public void RejectUnknownKeys()
    {
        foreach (var property in Element.EnumerateObject())
        {
            if (_read.Contains(property.Name)) continue;
            var known = string.Join(", ", _read.Order(StringComparer.Ordinal));
            throw new LearningConfigException($"{Path}.{property.Name}: unknown key" + (known.Length > 0 ? $" (known here: {known})" : ""));
        }
    }

    /// <summary>An error about <paramref name="key"/> with its full path.</summary>
    public LearningConfigException Error(string key, string message) => new($"{Path}.{key}: {message}");

    private JsonElement? Optional(string key)
    {
        _read.Add(key);
        return Element.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    private static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => value.GetRawText(),
    };
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cortex.Host.Tests.Campaign;

/// <summary>
/// Applies <see cref="Mutation"/>s to a JSON document and writes the result as the bytes of a file. Values a JSON
/// writer refuses to produce (a lone surrogate, nesting thousands deep, invalid UTF-8) go in as markers replaced in
/// the text.
/// </summary>
internal static class JsonMutator
{
    private const string LoneSurrogateMarker = "\u0001LONE-SURROGATE\u0001";
    private const string DeepArrayMarker = "\u0001DEEP-ARRAY\u0001";
    private const string DeepObjectMarker = "\u0001DEEP-OBJECT\u0001";
    private const string InvalidBytesMarker = "\u0001INVALID-BYTES\u0001";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private static readonly Func<JsonNode?>[] OtherTypes =
    [
        () => null, () => JsonValue.Create(true), () => JsonValue.Create(0), () => JsonValue.Create(-1), () => JsonValue.Create(1.5),
        () => JsonValue.Create(""), () => JsonValue.Create("x"), () => JsonValue.Create("10"), () => new JsonArray(), () => new JsonObject(),
        () => new JsonArray(JsonValue.Create(1)), () => new JsonObject { ["a"] = 1 },
    ];

    private static readonly double[] ExtremeNumbers =
        [1e308, -1e308, double.MaxValue, 2147483647, 2147483648, -2147483649, 9.3e18, 1e-320, double.Epsilon, -0.0, 0, -1, 1e10, 4294967296];

    private static readonly string[] ExtremeMagnitudes =
        ["1e308", "-1e308", "1e400", "1e-320", "0", "-0", "NaN", "Infinity", "-Infinity", "inf", "-1", "1e10", "3e7", "0x10", "1,5", "", "1e", "--1"];

    private static readonly string[] OtherUnits = ["Hz", "kHz", "mV", "pA", "nA", "nS", "ms", "s", "pF", "F", "parsec", "", "mV/ms", "µs", "μs", "MS", "ms ms"];

    private static readonly string[] UnknownNames =
        ["no_such_thing", "", " ", "LIF", "[red]", "[bold]x[/]", "../../etc/passwd", "a.b", "\u0000", "a\tb", new string('n', 100_000), "名前", "\u200Bnull"];

    private static readonly double[] HugeSizes = [3e7, 1e9, 2147483647, 2147483648, 1e10, 1e18, 1e308];

    /// <summary>The document with <paramref name="mutations"/> applied, as the bytes of a file.</summary>
    public static byte[] Apply(JsonNode document, IEnumerable<Mutation> mutations)
    {
        var root = document.DeepClone();
        var rawCuts = new List<Mutation>();
        foreach (var mutation in mutations)
        {
            if (mutation.Kind is MutationKind.TruncateText) rawCuts.Add(mutation);
            else root = ApplyOne(root, mutation);
        }
        var text = root.ToJsonString(Relaxed)
            .Replace(Quoted(LoneSurrogateMarker), "\"a\\ud800b\"", StringComparison.Ordinal)
            .Replace(LoneSurrogateMarker, "\\udc00", StringComparison.Ordinal)
            .Replace(Quoted(DeepArrayMarker), new string('[', 20_000) + new string(']', 20_000), StringComparison.Ordinal)
            .Replace(Quoted(DeepObjectMarker), string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), StringComparison.Ordinal);
        foreach (var cut in rawCuts) text = text[..(int)((uint)cut.Target % (uint)Math.Max(text.Length, 1))];
        var bytes = Encoding.UTF8.GetBytes(text);
        return InsertInvalidBytes(bytes);
    }

    private static string Quoted(string marker) => JsonSerializer.Serialize(marker, Relaxed);

    private static byte[] InsertInvalidBytes(byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(Quoted(InvalidBytesMarker)[1..^1]);
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0) return bytes;
        byte[] invalid = [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80];
        return [.. bytes[..at], .. invalid, .. bytes[(at + marker.Length)..]];
    }

    private static JsonNode ApplyOne(JsonNode root, Mutation mutation)
    {
        var nodes = Nodes(root).ToList();
        var (parent, key, index, node) = nodes[(int)((uint)mutation.Target % (uint)nodes.Count)];
        var choice = (int)((uint)mutation.Choice);
        JsonNode? replacement;
        switch (mutation.Kind)
        {
            case MutationKind.DeleteKey:
                // The member nearest the chosen node: the node itself, or a member of the root when it is the root.
                if (parent is JsonObject owner && key is not null) owner.Remove(key);
                else if (parent is JsonArray array && index is { } i) array.RemoveAt(i);
                return root;
            case MutationKind.SwapType:
                replacement = Pick(OtherTypes, choice)();
                break;
            case MutationKind.ExtremeNumber:
                replacement = JsonValue.Create(Pick(ExtremeNumbers, choice));
                break;
            case MutationKind.ExtremeQuantity:
                replacement = JsonValue.Create($"{Pick(ExtremeMagnitudes, choice)} {Unit(node) ?? "ms"}".TrimEnd());
                break;
            case MutationKind.WrongUnit:
                replacement = JsonValue.Create($"{Magnitude(node) ?? "1"} {Pick(OtherUnits, choice)}".TrimEnd());
                break;
            case MutationKind.UnknownName:
                replacement = JsonValue.Create(Pick(UnknownNames, choice));
                break;
            case MutationKind.UnknownKey:
                if (node is JsonObject target) target[$"no_such_key_{choice % 3}"] = choice;
                else if (parent is JsonObject container) container[$"no_such_key_{choice % 3}"] = choice;
                return root;
            case MutationKind.HugeSize:
                replacement = node is JsonArray ? new JsonArray([.. Enumerable.Range(0, 1_000_000).Select(n => (JsonNode?)JsonValue.Create(n))]) : JsonValue.Create(Pick(HugeSizes, choice));
                break;
            case MutationKind.BadUtf16:
                replacement = JsonValue.Create(LoneSurrogateMarker);
                break;
            case MutationKind.DeepNesting:
                replacement = JsonValue.Create(choice % 2 == 0 ? DeepArrayMarker : DeepObjectMarker);
                break;
            case MutationKind.DuplicateElement:
                if (node is JsonArray list && list.Count > 0) list.Add(list[choice % list.Count]?.DeepClone());
                else if (parent is JsonArray siblings && index is { } at) siblings.Insert(at, siblings[at]?.DeepClone());
                return root;
            case MutationKind.InvalidBytes:
                replacement = JsonValue.Create(InvalidBytesMarker);
                break;
            default:
                return root;
        }
        if (parent is null) return replacement ?? JsonValue.Create((string?)null)!;
        if (parent is JsonObject obj) obj[key!] = replacement;
        else ((JsonArray)parent)[index!.Value] = replacement;
        return root;
    }

    /// <summary>Every node in document order with its parent and its key or index.</summary>
    private static IEnumerable<(JsonNode? Parent, string? Key, int? Index, JsonNode? Node)> Nodes(JsonNode root)
    {
        var stack = new Stack<(JsonNode? Parent, string? Key, int? Index, JsonNode? Node)>();
        stack.Push((null, null, null, root));
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            yield return item;
            switch (item.Node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.Reverse()) stack.Push((obj, name, null, child));
                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--) stack.Push((array, null, i, array[i]));
                    break;
            }
        }
    }

    private static T Pick<T>(IReadOnlyList<T> values, int choice) => values[choice % values.Count];

    private static string? Magnitude(JsonNode? node) => QuantityParts(node)?.Magnitude;

    private static string? Unit(JsonNode? node) => QuantityParts(node)?.Unit;

    private static (string Magnitude, string Unit)? QuantityParts(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text)) return null;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !double.TryParse(text[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return null;
        return (text[..space], text[(space + 1)..]);
    }
}

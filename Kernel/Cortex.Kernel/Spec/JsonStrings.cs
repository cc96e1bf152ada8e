using System.Text.Json;

namespace Cortex.Spec;

/// <summary>
/// Finds strings that are valid JSON syntax but no text: a lone UTF-16 surrogate escape ("\ud800") parses, and reading
/// it throws. Spec and training-config readers use it to name where such a string is instead of crashing.
/// </summary>
public static class JsonStrings
{
    /// <summary>The JSON path of the first string or property name that cannot be decoded, or null when every one can.</summary>
    public static string? FirstUndecodable(JsonElement e, string path = "")
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(() => e.GetString()) ? null : path;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (FirstUndecodable(item, $"{path}[{i}]") is { } bad) return bad;
                    i++;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in e.EnumerateObject())
                {
                    if (!Decodes(() => property.Name)) return path.Length == 0 ? "(a property name)" : $"{path} (a property name)";
                    if (FirstUndecodable(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } bad) return bad;
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

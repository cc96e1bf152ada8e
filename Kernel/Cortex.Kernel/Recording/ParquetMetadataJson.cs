using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Cortex.Recording;

/// <summary>
/// Writes the small JSON values kept in the Parquet files' key-value metadata (population names and sizes, state
/// probes, projection bundles) with <see cref="Utf8JsonWriter"/>. The reflection-based <see cref="JsonSerializer"/>
/// wrote the same text, but JIT-compiled about a hundred methods and emitted IL for them in every <c>cortex run</c>,
/// work that competed with a short run for the second core.
/// </summary>
internal static class ParquetMetadataJson
{
    /// <summary><c>["a","b"]</c>.</summary>
    public static string Strings(IEnumerable<string> values) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    });

    /// <summary><c>[1,2]</c>.</summary>
    public static string Integers(IEnumerable<int> values) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var value in values) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    });

    /// <summary><c>[{"k":"v",…},…]</c>, each object's members in the given order.</summary>
    public static string Objects(IEnumerable<IEnumerable<KeyValuePair<string, string>>> objects) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var members in objects)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in members) writer.WriteString(key, value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    /// <summary><c>[["from","to",weight],…]</c>.</summary>
    public static string Bundles(IEnumerable<ProjectionBundle> bundles) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var bundle in bundles)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(bundle.From);
            writer.WriteStringValue(bundle.To);
            writer.WriteNumberValue(bundle.Weight);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

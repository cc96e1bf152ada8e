using System.Text.Json;

namespace Cortex.Spec;

/// <summary>Writing of the <c>blocks</c> connector: entries as compact arrays, since a connectome has 10⁵ of them.</summary>
internal static partial class SpecJsonWriter
{
    private static void WriteBlocks(Utf8JsonWriter w, BlockConnector b)
    {
        w.WriteStartArray("source_blocks");
        foreach (var size in b.SourceBlocks) w.WriteNumberValue(size);
        w.WriteEndArray();
        w.WriteStartArray("target_blocks");
        foreach (var size in b.TargetBlocks) w.WriteNumberValue(size);
        w.WriteEndArray();
        w.WriteStartArray("entries");
        foreach (var entry in b.Entries)
        {
            w.WriteStartArray();
            w.WriteNumberValue(entry.Target);
            w.WriteNumberValue(entry.Source);
            w.WriteNumberValue(entry.P);
            if (entry.DelayMs is { } delay) w.WriteNumberValue(delay);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteBoolean("allow_autapses", b.AllowAutapses);
    }
}

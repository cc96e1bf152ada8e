using System.Text.Json;

namespace Cortex.Spec;

/// <summary>Reading of the <c>blocks</c> connector, kept apart from the other connectors because of its compact entry lists.</summary>
internal sealed partial class SpecJsonReader
{
    private static bool IsBlockConnector(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "blocks";

    // {"type": "blocks", "source_blocks": [800, 800], "target_blocks": [800, 800], "entries": [[target, source, p(, delay_ms)], ...]}
    private BlockConnector ReadBlockConnector(JsonElement e, string path)
    {
        ExpectObject(e, path, "type", "source_blocks", "target_blocks", "entries", "allow_autapses");
        var sources = ReadBlockSizes(e, "source_blocks", path);
        var targets = ReadBlockSizes(e, "target_blocks", path);
        var entries = new List<BlockEntry>();
        if (!e.TryGetProperty("entries", out var list)) Error($"{path}.entries", "is required");
        else if (list.ValueKind != JsonValueKind.Array) Error($"{path}.entries", $"must be a list of [target block, source block, p] or [target block, source block, p, delay_ms], got {Show(list)}");
        else
        {
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"{path}.entries[{i++}]";
                if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() is not (3 or 4)
                    || !TryGetWholeNumber(item[0], out var target) || !TryGetWholeNumber(item[1], out var source)
                    || item[2].ValueKind != JsonValueKind.Number || (item.GetArrayLength() == 4 && item[3].ValueKind != JsonValueKind.Number))
                {
                    Error(at, $"must be [target block, source block, p] or [target block, source block, p, delay_ms] (block indices whole numbers), got {Show(item)}");
                    continue;
                }
                entries.Add(new BlockEntry(target, source, item[2].GetDouble(), item.GetArrayLength() == 4 ? item[3].GetDouble() : null));
            }
        }
        return new BlockConnector(sources, targets, entries, OptionalBool(e, "allow_autapses", path) ?? true);
    }

    private List<int> ReadBlockSizes(JsonElement e, string key, string path)
    {
        var sizes = new List<int>();
        if (!e.TryGetProperty(key, out var list))
        {
            Error($"{path}.{key}", "is required (the block sizes in order)");
            return sizes;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.{key}", $"must be a list of block sizes, got {Show(list)}");
            return sizes;
        }
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (TryGetWholeNumber(item, out var size)) sizes.Add(size);
            else Error($"{path}.{key}[{i}]", $"must be a whole number, got {Show(item)}");
            i++;
        }
        return sizes;
    }
}

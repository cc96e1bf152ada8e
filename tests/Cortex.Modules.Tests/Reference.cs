using System.Text.Json;

namespace Cortex.Modules.Tests;

/// <summary>Reads the reference files under tests/reference (copied next to the test assembly).</summary>
internal static class Reference
{
    public static JsonElement Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reference", fileName);
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];
}

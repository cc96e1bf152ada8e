using System.Text.Json;
using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// The Parquet metadata JSON, now written without the reflection-based serializer, is the text System.Text.Json's
/// <see cref="JsonSerializer"/> wrote before (so files from older and newer runs read alike), names that need escaping included.
/// </summary>
public sealed class ParquetMetadataJsonTests
{
    private static readonly string[] Names = ["exc", "inh", "L2/3 \"pyramidal\"", "Ströme <b>&amp;</b>", "tab\there", "[red]", "😀"];

    [Fact]
    public void Strings_AreWhatTheSerializerWrites() =>
        Assert.Equal(JsonSerializer.Serialize(Names), ParquetMetadataJson.Strings(Names));

    [Fact]
    public void Integers_AreWhatTheSerializerWrites()
    {
        int[] sizes = [0, 1, 3200, int.MaxValue, -5];
        Assert.Equal(JsonSerializer.Serialize(sizes), ParquetMetadataJson.Integers(sizes));
    }

    [Fact]
    public void Objects_AreWhatTheSerializerWritesForDictionaries()
    {
        var probes = Names.Select(n => new Dictionary<string, string>(StringComparer.Ordinal) { ["population"] = n, ["variable"] = "v", ["unit"] = "mV" }).ToList();
        Assert.Equal(JsonSerializer.Serialize(probes), ParquetMetadataJson.Objects(probes));
    }

    [Fact]
    public void Bundles_AreWhatTheSerializerWritesForObjectTriples()
    {
        ProjectionBundle[] bundles = [new("exc", "inh", 0.1), new("L2/3 \"p\"", "Ströme", 1e-7), new("a", "b", 123456789.125), new("a", "b", -0.0)];
        Assert.Equal(JsonSerializer.Serialize(bundles.Select(b => new object[] { b.From, b.To, b.Weight }).ToArray()), ParquetMetadataJson.Bundles(bundles));
    }
}

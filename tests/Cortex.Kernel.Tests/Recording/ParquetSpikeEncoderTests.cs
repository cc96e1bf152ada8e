using Cortex.Recording;
using ParquetSharp;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// The spikes file's own encoder, read back by two readers it shares no code with: Apache Arrow's C++ reader
/// (ParquetSharp) and Parquet.Net. The population and time indices are run-length encoded, so the cases cover a run per
/// row, runs longer than a one-byte header holds, one population (the narrowest index), more than 256 populations (two
/// bytes an index), and a time per row (too short runs: the time column is written plain).
/// </summary>
public sealed class ParquetSpikeEncoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(RecordingTestData.NewTempDir()).FullName;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    public static TheoryData<string, int> Cases => new()
    {
        { "alternating", 3 },
        { "long runs", 2 },
        { "one population", 1 },
        { "300 populations", 300 },
        { "a time per row", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothReaders_ReadEveryRow_AsWritten(string pattern, int populations)
    {
        var names = Enumerable.Range(0, populations).Select(p => $"pop{p}é").ToArray();
        var groups = new[] { Rows(pattern, populations, 1000, seed: 1), Rows(pattern, populations, 77, seed: 2) };
        var path = Path.Combine(_dir, "spikes.parquet");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["cortex.format"] = ParquetSpikeSink.Format, ["key"] = "välue" };
        var encoder = new ParquetSpikeEncoder(names, metadata);
        using (var file = File.Create(path))
        {
            encoder.Begin(file);
            foreach (var (population, neuron, time) in groups) encoder.WriteRowGroup(population, neuron, time);
            encoder.End();
        }

        var expected = groups.SelectMany(g => g.Population.Select((p, i) => (names[p], g.Neuron[i], g.Time[i]))).ToList();
        Assert.Equal(expected, ArrowParquet.ReadSpikes(path));
        Assert.Equal(expected, ParquetRecordingReader.ReadSpikeRows(path).Select(r => (r.Population, r.Neuron, r.TimeMs)).ToList());
        Assert.Equal("välue", ArrowParquet.Metadata(path)["key"]);
        Assert.Equal(["population", "neuron", "time_ms"], ArrowParquet.ColumnNames(path));
        using var reader = new ParquetFileReader(path);
        using var group = reader.RowGroup(0);
        Assert.Contains(ParquetSharp.Encoding.RleDictionary, group.MetaData.GetColumnChunkMetaData(0).Encodings);
        Assert.Equal(pattern != "a time per row", group.MetaData.GetColumnChunkMetaData(2).Encodings.Contains(ParquetSharp.Encoding.RleDictionary));
    }

    [Theory]
    [InlineData("alternating")]
    [InlineData("a time per row")]
    public void ColumnStatistics_AreEachRowGroupsMinimumAndMaximum(string pattern)
    {
        var (population, neuron, time) = Rows(pattern, 3, 500, seed: 3);
        var path = Path.Combine(_dir, "stats.parquet");
        var encoder = new ParquetSpikeEncoder(["a", "b", "c"], new Dictionary<string, string>());
        using (var file = File.Create(path))
        {
            encoder.Begin(file);
            encoder.WriteRowGroup(population, neuron, time);
            encoder.End();
        }

        using var reader = new ParquetFileReader(path);
        using var group = reader.RowGroup(0);
        var neuronStatistics = (Statistics<int>)group.MetaData.GetColumnChunkMetaData(1).Statistics!;
        var timeStatistics = (Statistics<double>)group.MetaData.GetColumnChunkMetaData(2).Statistics!;
        Assert.Equal((neuron.Min(), neuron.Max()), (neuronStatistics.Min, neuronStatistics.Max));
        Assert.Equal((time.Min(), time.Max()), (timeStatistics.Min, timeStatistics.Max));
        Assert.Equal(0, neuronStatistics.NullCount);
    }

    [Fact]
    public void AnIndexOutsideTheDictionary_IsRefused_NamingTheRow()
    {
        var encoder = new ParquetSpikeEncoder(["a", "b"], new Dictionary<string, string>());
        encoder.Begin(Stream.Null);
        var error = Assert.Throws<ArgumentException>(() => encoder.WriteRowGroup([0, 1, 2], [0, 0, 0], [0.0, 0.0, 0.0]));
        Assert.Contains("population index 2 at row 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePartAtATime()
    {
        var encoder = new ParquetSpikeEncoder(["a"], new Dictionary<string, string>());
        encoder.Begin(Stream.Null);
        Assert.Throws<InvalidOperationException>(() => encoder.Begin(Stream.Null));
        encoder.End();
        Assert.Throws<InvalidOperationException>(() => encoder.WriteRowGroup([0], [0], [0.0]));
    }

    private static (int[] Population, int[] Neuron, double[] Time) Rows(string pattern, int populations, int count, int seed)
    {
        var random = new Random(seed);
        var population = new int[count];
        var neuron = new int[count];
        var time = new double[count];
        for (var i = 0; i < count; i++)
        {
            population[i] = pattern switch
            {
                "alternating" => i % populations,
                "long runs" => i / 300 % populations,            // runs of 300: a two-byte run header
                "300 populations" => random.Next(populations),  // indices up to 299: two bytes each
                _ => 0,
            };
            neuron[i] = random.Next(-5, 1 << 20);
            time[i] = pattern == "a time per row" ? i * 0.1 : i / 7 * 0.1;
        }
        return (population, neuron, time);
    }
}

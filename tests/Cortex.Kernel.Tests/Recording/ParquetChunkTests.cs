using Cortex.Recording;
using ParquetSharp;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// Rows are encoded in chunks while they arrive (ParquetSinkBase.FirstChunkRows), into a part committed only by a flush:
/// the file gets every row, in order and readable by an independent reader, a kill before the flush loses the chunks as
/// it loses buffered rows, and MaxBufferedRows counts encoded chunks too.
/// </summary>
public sealed class ParquetChunkTests : IDisposable
{
    private readonly string _dir = RecordingTestData.NewTempDir();

    private string SpikesPath => Path.Combine(_dir, ParquetSpikeSink.FileName);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Chunks_AreEncodedBeforeTheFlush_AndTheFileHoldsEveryRowInOrder()
    {
        var spikes = Spikes(3 * ParquetSinkBase.FirstChunkRows + 123);
        var sink = new ParquetSpikeSink(_dir);
        sink.Open(RecordingTestData.Layout);

        WriteInBatches(sink, spikes, 500);

        Assert.Equal(0, sink.RowGroups);   // nothing committed before the flush
        Assert.Equal(spikes.Length, sink.HeldRows);
        sink.Complete();
        sink.Dispose();
        Assert.Equal(spikes.Length, sink.RowsWritten);
        Assert.Equal(1, sink.Parts);
        Assert.True(sink.RowGroups >= 3, $"expected chunks of {ParquetSinkBase.FirstChunkRows} rows or more and the rest as row groups, got {sink.RowGroups}");
        using (var reader = new ParquetFileReader(SpikesPath))
        {
            Assert.Equal(sink.RowGroups, reader.FileMetaData.NumRowGroups);
        }
        var names = RecordingTestData.Layout.Populations;
        Assert.Equal(spikes.Select(s => (names[s.Population], s.Neuron, s.Step * 0.1)), ArrowParquet.ReadSpikes(SpikesPath));
    }

    [Fact]
    public void Chunks_NotYetFlushed_AreLostToAKill_AndLeaveNoFileBehind()
    {
        var sink = new ParquetSpikeSink(_dir);
        sink.Open(RecordingTestData.Layout);
        var flushed = Spikes(100);
        sink.WriteSpikes(flushed);
        sink.Flush();

        sink.WriteSpikes(Spikes(2 * ParquetSinkBase.FirstChunkRows + 7, firstStep: 1000));
        Assert.True(sink.HeldRows > ParquetSinkBase.FirstChunkRows);
        sink.Dispose();   // as a kill would leave it: no flush, no completion

        Assert.Equal(flushed, ParquetRecordingReader.ReadSpikes(SpikesPath, RecordingTestData.Layout));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void MaxBufferedRows_CountsEncodedChunks()
    {
        var max = 2 * ParquetSinkBase.FirstChunkRows + 10;
        var sink = new ParquetSpikeSink(_dir, max);
        sink.Open(RecordingTestData.Layout);
        var spikes = Spikes(3 * ParquetSinkBase.FirstChunkRows);

        WriteInBatches(sink, spikes, 1000);

        Assert.Equal(1, sink.SyncedParts);   // the part reached max rows and was written without a flush
        Assert.Equal(max, sink.RowsWritten);
        Assert.Equal(spikes.Length - max, sink.HeldRows);
        sink.Complete();
        sink.Dispose();
        Assert.Equal(spikes, ParquetRecordingReader.ReadSpikes(SpikesPath, RecordingTestData.Layout));
    }

    [Fact]
    public void StateSink_ChunksToo()
    {
        var layout = RecordingTestData.Layout;
        var sink = new ParquetStateSink(_dir);
        sink.Open(layout);
        var samples = Enumerable.Range(0, 2 * ParquetSinkBase.FirstChunkRows + 5)
            .Select(i => new StateSample(i % layout.StateProbes.Count, i % 10, i / 30, i * 0.25f)).ToArray();

        for (var start = 0; start < samples.Length; start += 1000)
        {
            sink.WriteSamples(samples.AsSpan(start, Math.Min(1000, samples.Length - start)));
        }
        sink.Complete();
        sink.Dispose();

        Assert.True(sink.RowGroups >= 2, $"expected a chunk and the rest, got {sink.RowGroups}");
        var rows = ArrowParquet.ReadState(Path.Combine(_dir, ParquetStateSink.FileName));
        Assert.Equal(samples.Length, rows.Count);
        Assert.Equal(samples.Select(s => (s.Neuron, s.Step * 0.1)), rows.Select(r => (r.Neuron, r.TimeMs)));
    }

    private static SpikeRecord[] Spikes(int count, long firstStep = 0) =>
        [.. Enumerable.Range(0, count).Select(i => new SpikeRecord(i % 3, i % 10, firstStep + i / 4))];

    private static void WriteInBatches(ParquetSpikeSink sink, SpikeRecord[] spikes, int batch)
    {
        for (var start = 0; start < spikes.Length; start += batch)
        {
            sink.WriteSpikes(spikes.AsSpan(start, Math.Min(batch, spikes.Length - start)));
        }
    }
}

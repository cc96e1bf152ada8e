using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// Which parts of a Parquet recording are synced to the disk: a flush while the file is open (the rows a crashed machine
/// would otherwise lose), not the empty part 0 nor the last part of a normal close (a disk sync there cost a short run
/// 5–40 ms on a virtual disk and protects nothing a kill could lose). Either way every row ends in the file.
/// </summary>
public sealed class ParquetSyncPolicyTests : IDisposable
{
    private readonly string _dir = RecordingTestData.NewTempDir();

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void A_run_closed_before_its_first_flush_syncs_no_part_and_keeps_every_row()
    {
        var layout = RecordingTestData.Layout;
        SpikeRecord[] spikes = [new(0, 1, 10), new(1, 2, 11), new(2, 3, 12)];
        var sink = new ParquetSpikeSink(_dir);
        sink.Open(layout);
        sink.WriteSpikes(spikes);
        sink.Complete();
        sink.Dispose();

        Assert.Equal(0, sink.SyncedParts);
        Assert.Equal(1, sink.RowGroups);
        Assert.Equal(spikes, ParquetRecordingReader.ReadSpikes(Path.Combine(_dir, ParquetSpikeSink.FileName), layout));
        Assert.False(Directory.Exists(ParquetParts.Folder(Path.Combine(_dir, ParquetSpikeSink.FileName))));
    }

    [Fact]
    public void Each_flush_while_the_file_is_open_is_synced_the_last_part_of_the_close_is_not()
    {
        var layout = RecordingTestData.Layout;
        SpikeRecord[] first = [new(0, 1, 10), new(1, 2, 11)];
        SpikeRecord[] second = [new(2, 3, 20)];
        SpikeRecord[] last = [new(0, 79, 30), new(1, 19, 31)];
        var sink = new ParquetSpikeSink(_dir);
        sink.Open(layout);
        Assert.Equal(0, sink.SyncedParts); // part 0 holds no rows

        sink.WriteSpikes(first);
        sink.Flush();
        Assert.Equal(1, sink.SyncedParts);
        sink.WriteSpikes(second);
        sink.Flush();
        Assert.Equal(2, sink.SyncedParts);
        sink.WriteSpikes(last);
        sink.Complete();
        sink.Dispose();

        Assert.Equal(2, sink.SyncedParts);
        Assert.Equal(3, sink.RowGroups);
        Assert.Equal(first.Concat(second).Concat(last), ParquetRecordingReader.ReadSpikes(Path.Combine(_dir, ParquetSpikeSink.FileName), layout));
    }

    [Fact]
    public void A_recorder_syncs_its_periodic_flushes_but_not_the_flush_of_its_close()
    {
        var layout = RecordingTestData.Layout;
        var epochs = RecordingTestData.Epochs(300);
        var memory = new MemorySink();
        var periodic = new ParquetSpikeSink(Path.Combine(_dir, "periodic"));
        var once = new ParquetSpikeSink(Path.Combine(_dir, "once"));
        // Flushes by rows only: a machine slow enough for the 5 s interval to pass would add a flush to either run.
        using (var recorder = new Recorder(layout, [periodic, memory], flushRows: 2_000, flushInterval: TimeSpan.MaxValue))
        {
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
        }
        using (var recorder = new Recorder(layout, [once], flushRows: long.MaxValue, flushInterval: TimeSpan.MaxValue))
        {
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
        }

        Assert.True(periodic.RowGroups > 2, $"expected several row groups, got {periodic.RowGroups}");
        Assert.Equal(periodic.Parts - 1, periodic.SyncedParts); // every flush but the close's
        Assert.Equal(1, once.Parts);
        Assert.Equal(0, once.SyncedParts);
        Assert.Equal(memory.Spikes, ParquetRecordingReader.ReadSpikes(periodic.Path, layout));
        Assert.Equal(memory.Spikes, ParquetRecordingReader.ReadSpikes(once.Path, layout));
    }
}

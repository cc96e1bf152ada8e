using System.Globalization;
using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

public sealed class ParquetSinkTests : IDisposable
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
    public void SpikesParquet_ReadBack_EqualsTheInMemorySpikesExactly()
    {
        var layout = RecordingTestData.Layout;
        var epochs = RecordingTestData.Epochs(300);
        var memory = new MemorySink();
        var parquet = new ParquetSpikeSink(_dir);
        using (var recorder = new Recorder(layout, [parquet, memory], flushRows: 2_000))
        {
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
        }

        var path = Path.Combine(_dir, "spikes.parquet");
        Assert.Equal(path, parquet.Description);
        Assert.True(parquet.RowGroups > 1, $"expected several row groups, got {parquet.RowGroups}");
        Assert.Equal(memory.Spikes, ParquetRecordingReader.ReadSpikes(path, layout));
        Assert.Equal(memory.Spikes, ParquetRecordingReader.ReadSpikes(_dir, layout));

        var rows = ParquetRecordingReader.ReadSpikeRows(path);
        Assert.Equal(memory.Spikes.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var spike = memory.Spikes[i];
            Assert.Equal(new SpikeRow(layout.Populations[spike.Population], spike.Neuron, spike.Step * layout.Dt), rows[i]);
        }
    }

    [Fact]
    public void SpikesParquet_CarriesDtAndPopulationsInItsMetadata()
    {
        using (var sink = new ParquetSpikeSink(_dir))
        {
            sink.Open(RecordingTestData.Layout);
            sink.Complete();
        }

        var metadata = ParquetRecordingReader.ReadMetadata(Path.Combine(_dir, ParquetSpikeSink.FileName));

        Assert.Equal("cortex.spikes/1", metadata["cortex.format"]);
        Assert.Equal(0.1, double.Parse(metadata["cortex.dt_ms"], CultureInfo.InvariantCulture));
        Assert.Equal("[\"exc\",\"inh\",\"thalamus\"]", metadata["cortex.populations"]);
        Assert.Equal("[80,20,10]", metadata["cortex.population_sizes"]);
        Assert.Empty(ParquetRecordingReader.ReadSpikeRows(_dir));
    }

    [Fact]
    public void SpikeSink_FlushedTwiceThenKilled_KeepsEveryFlushedRow()
    {
        var layout = RecordingTestData.Layout;
        var path = Path.Combine(_dir, ParquetSpikeSink.FileName);
        var copy = Path.Combine(_dir, "copy-at-kill", ParquetSpikeSink.FileName);
        SpikeRecord[] first = [new(0, 1, 10), new(1, 2, 11), new(2, 3, 12)];
        SpikeRecord[] second = [new(0, 79, 20), new(1, 19, 25)];
        SpikeRecord[] unflushed = [new(2, 9, 30)];

        var sink = new ParquetSpikeSink(_dir);
        sink.Open(layout);
        sink.WriteSpikes(first);
        sink.Flush();
        sink.WriteSpikes(second);
        sink.Flush();
        sink.WriteSpikes(unflushed);
        // "Kill": take the recording as it is on disk (its parts) while the sink still holds it; no Complete, ever.
        Assert.False(File.Exists(path));
        CopyFolder(ParquetParts.Folder(path), ParquetParts.Folder(copy));

        Assert.Equal([.. first, .. second], ParquetRecordingReader.ReadSpikes(copy, layout));
        Assert.Equal(2, sink.RowGroups);
        Assert.Equal(5, sink.RowsWritten);

        // Dispose without Complete merges the parts as of the last flush.
        sink.Dispose();
        Assert.True(File.Exists(path));
        Assert.False(Directory.Exists(ParquetParts.Folder(path)));
        Assert.Equal([.. first, .. second], ParquetRecordingReader.ReadSpikes(path, layout));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void SpikeSink_WritesRowGroupWhenItsBufferIsFull()
    {
        var sink = new ParquetSpikeSink(_dir, maxBufferedRows: 100);
        sink.Open(RecordingTestData.Layout);
        var spikes = Enumerable.Range(0, 250).Select(i => new SpikeRecord(i % 3, i % 10, i)).ToArray();

        sink.WriteSpikes(spikes);

        Assert.Equal(2, sink.RowGroups);
        sink.Complete();
        sink.Dispose();
        Assert.Equal(3, sink.RowGroups);
        Assert.Equal(spikes, ParquetRecordingReader.ReadSpikes(_dir, RecordingTestData.Layout));
    }

    [Fact]
    public void StateParquet_RoundTrips_WithValuesInTheProbesUnit()
    {
        var layout = RecordingTestData.Layout;
        var epochs = RecordingTestData.Epochs(100);
        var memory = new MemorySink();
        var state = new ParquetStateSink(_dir);
        using (var recorder = new Recorder(layout, [state, memory], flushRows: 300))
        {
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
        }
        Assert.True(state.RowGroups > 1);

        var rows = ParquetRecordingReader.ReadStateRows(_dir);
        Assert.Equal(memory.Samples.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var sample = memory.Samples[i];
            var probe = layout.StateProbes[sample.Probe];
            var row = rows[i];
            Assert.Equal(probe.Population, row.Population);
            Assert.Equal(probe.Variable, row.Variable);
            Assert.Equal(probe.Unit, row.Unit);
            Assert.Equal(sample.Neuron, row.Neuron);
            Assert.Equal(sample.Step * layout.Dt, row.TimeMs);
            // mV and uS are internal units (stored exactly); the "V" probe is stored in volts.
            var expected = probe.Unit == "V" ? (float)(sample.Value / 1000.0) : sample.Value;
            Assert.Equal(expected, row.Value);
        }

        var samples = ParquetRecordingReader.ReadSamples(_dir, layout);
        Assert.Equal(memory.Samples.Count, samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            var expected = memory.Samples[i];
            var actual = samples[i];
            Assert.Equal((expected.Probe, expected.Neuron, expected.Step), (actual.Probe, actual.Neuron, actual.Step));
            if (layout.StateProbes[expected.Probe].Unit == "V")
            {
                Assert.Equal(expected.Value, actual.Value, 1e-3f);
            }
            else
            {
                Assert.Equal(expected.Value, actual.Value);
            }
        }

        var metadata = ParquetRecordingReader.ReadMetadata(Path.Combine(_dir, ParquetStateSink.FileName));
        Assert.Equal("cortex.state/1", metadata["cortex.format"]);
        Assert.Contains("\"unit\":\"uS\"", metadata["cortex.probes"], StringComparison.Ordinal);
    }

    [Fact]
    public void DiskFullDuringFlush_RaisesRecordingExceptionNamingTheFile_AndTheFileKeepsEarlierFlushes()
    {
        var layout = RecordingTestData.Layout;
        var disk = new Disk();
        var sink = new ParquetSpikeSink(_dir, ParquetSinkBase.DefaultMaxBufferedRows, inner => new FullDiskStream(inner, disk));
        var path = Path.Combine(_dir, ParquetSpikeSink.FileName);
        var recorder = new Recorder(layout, [sink], flushRows: 1, flushInterval: TimeSpan.FromHours(1));

        recorder.AddSpike(0, 1, 1);
        recorder.EndEpoch();
        recorder.AddSpike(1, 2, 2);
        recorder.EndEpoch();
        SpinWait.SpinUntil(() => sink.RowGroups == 2, TimeSpan.FromSeconds(10));
        disk.Free = 16; // the next row group does not fit
        recorder.AddSpike(2, 3, 3);
        recorder.EndEpoch();
        var error = Assert.Throws<RecordingException>(recorder.Complete);
        recorder.Dispose();

        Assert.Equal($"recording to {path} failed: No space left on device", error.Message);
        Assert.Equal([new SpikeRecord(0, 1, 1), new SpikeRecord(1, 2, 2)], ParquetRecordingReader.ReadSpikes(path, layout));
    }

    [Fact]
    public void DiskFullWhileAChunkIsEncoded_FailsThatWrite_AndTheFileKeepsEarlierFlushes()
    {
        var layout = RecordingTestData.Layout;
        var disk = new Disk();
        var sink = new ParquetSpikeSink(_dir, ParquetSinkBase.DefaultMaxBufferedRows, inner => new FullDiskStream(inner, disk));
        sink.Open(layout);
        var flushed = Enumerable.Range(0, 100).Select(i => new SpikeRecord(i % 3, i % 10, i)).ToArray();
        sink.WriteSpikes(flushed);
        sink.Flush();
        disk.Free = 16; // the next chunk does not fit

        var chunk = Enumerable.Range(0, ParquetSinkBase.FirstChunkRows).Select(i => new SpikeRecord(i % 3, i % 10, 1000 + i)).ToArray();
        var error = Assert.Throws<IOException>(() => sink.WriteSpikes(chunk));
        sink.Dispose();

        Assert.Equal("No space left on device", error.Message);
        var path = Path.Combine(_dir, ParquetSpikeSink.FileName);
        Assert.Equal(flushed, ParquetRecordingReader.ReadSpikes(path, layout));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [PandasFact]
    public void Pandas_ReadsTheSpikeAndStateFiles()
    {
        var layout = RecordingTestData.Layout;
        var epochs = RecordingTestData.Epochs(20);
        var memory = new MemorySink();
        using (var recorder = new Recorder(layout, [new ParquetSpikeSink(_dir), new ParquetStateSink(_dir), memory], flushRows: 100))
        {
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
        }
        var script = $$"""
            import pandas as pd
            s = pd.read_parquet("{{Path.Combine(_dir, "spikes.parquet")}}")
            v = pd.read_parquet("{{Path.Combine(_dir, "state.parquet")}}")
            print(list(s.columns), len(s), s["population"].iloc[0], int(s["neuron"].iloc[0]), int(round(s["time_ms"].iloc[-1] / 0.1)))
            print(list(v.columns), len(v), sorted(v["unit"].unique()))
            """;

        var output = Python.Run(script);

        var first = memory.Spikes[0];
        var last = memory.Spikes[^1];
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            $"['population', 'neuron', 'time_ms'] {memory.Spikes.Count} {layout.Populations[first.Population]} {first.Neuron} "
            + last.Step.ToString(CultureInfo.InvariantCulture),
            lines[0]);
        Assert.Equal($"['population', 'variable', 'neuron', 'time_ms', 'value', 'unit'] {memory.Samples.Count} ['V', 'mV', 'uS']", lines[1]);
    }

    /// <summary>The free space of a simulated disk, shared by the files written on it.</summary>
    private sealed class Disk
    {
        public long Free { get; set; } = long.MaxValue;
    }

    /// <summary>A file stream on a disk with limited space: a write larger than the free space fails.</summary>
    private sealed class FullDiskStream(Stream inner, Disk disk) : PassThroughStream(inner)
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (count > disk.Free)
            {
                throw new IOException("No space left on device");
            }
            disk.Free -= count;
            Inner.Write(buffer, offset, count);
        }
    }
}

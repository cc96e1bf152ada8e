using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>
/// spikes.parquet and state.parquet as Apache Arrow's C++ reader (ParquetSharp) sees them: columns, metadata and every
/// value, against what was handed to the recorder (kept by a <see cref="MemorySink"/>).
/// </summary>
public sealed class ArrowReadBackTests : IDisposable
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
    public void ArrowReadsEverySpikeAndSample_AsRecorded()
    {
        var layout = RecordingTestData.Layout;
        var memory = new MemorySink();
        var spikesSink = new ParquetSpikeSink(_dir);
        var stateSink = new ParquetStateSink(_dir);
        using (var recorder = new Recorder(layout, [spikesSink, stateSink, memory], flushRows: 200))
        {
            RecordingTestData.Feed(recorder, RecordingTestData.Epochs(60));
            recorder.Complete();
        }
        Assert.True(spikesSink.RowGroups > 2, "several flushes, merged into one file");
        var spikesFile = Path.Combine(_dir, ParquetSpikeSink.FileName);
        var stateFile = Path.Combine(_dir, ParquetStateSink.FileName);
        Assert.True(File.Exists(spikesFile) && File.Exists(stateFile));
        Assert.False(Directory.Exists(ParquetParts.Folder(spikesFile)), "the parts are removed after the merge");

        Assert.Equal(["population", "neuron", "time_ms"], ArrowParquet.ColumnNames(spikesFile));
        Assert.Equal("[\"exc\",\"inh\",\"thalamus\"]", ArrowParquet.Metadata(spikesFile)[ParquetSpikeSink.PopulationsKey]);
        var spikes = ArrowParquet.ReadSpikes(spikesFile);
        Assert.Equal(memory.Spikes.Count, spikes.Count);
        for (var i = 0; i < spikes.Count; i++)
        {
            var expected = memory.Spikes[i];
            Assert.Equal((layout.Populations[expected.Population], expected.Neuron, expected.Step * layout.Dt), spikes[i]);
        }

        Assert.Equal(["population", "variable", "neuron", "time_ms", "value", "unit"], ArrowParquet.ColumnNames(stateFile));
        var state = ArrowParquet.ReadState(stateFile);
        Assert.Equal(memory.Samples.Count, state.Count);
        for (var i = 0; i < state.Count; i++)
        {
            var sample = memory.Samples[i];
            var probe = layout.StateProbes[sample.Probe];
            // mV and uS are the kernel's units, stored as given; the "V" probe is stored in volts.
            var value = probe.Unit == "V" ? (float)(sample.Value / 1000.0) : sample.Value;
            Assert.Equal((probe.Population, probe.Variable, sample.Neuron, sample.Step * layout.Dt, value, probe.Unit), state[i]);
        }
    }
}

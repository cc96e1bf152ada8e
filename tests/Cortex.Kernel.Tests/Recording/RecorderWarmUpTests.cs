using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>The recorder opens and warms up its sinks before the first step, and the warm-up leaves no trace in the data.</summary>
public sealed class RecorderWarmUpTests : IDisposable
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
    public void WaitUntilOpen_ReturnsAfterEverySinkWasOpenedAndWarmedUp_InThatOrder()
    {
        var first = new WarmUpProbeSink();
        var second = new WarmUpProbeSink();
        using var recorder = new Recorder(RecordingTestData.Layout, [first, second]);

        recorder.WaitUntilOpen();

        Assert.Equal(["open", "warm-up"], first.Calls);
        Assert.Equal(["open", "warm-up"], second.Calls);
        recorder.Complete();
        Assert.Equal(["open", "warm-up", "flush", "complete"], first.Calls);
    }

    [Fact]
    public void WithoutWarmUp_SinksAreOnlyOpened()
    {
        var sink = new WarmUpProbeSink();
        using var recorder = new Recorder(RecordingTestData.Layout, [sink], warmUpSinks: false);

        recorder.WaitUntilOpen();

        Assert.Equal(["open"], sink.Calls);
    }

    [Fact]
    public void FailedWarmUp_IsNotAFailedSink_AndTheSinkGetsEveryRow()
    {
        var sink = new WarmUpProbeSink { WarmUpFailure = new InvalidOperationException("encoder not available") };
        var epochs = RecordingTestData.Epochs(20);
        using (var recorder = new Recorder(RecordingTestData.Layout, [sink]))
        {
            recorder.WaitUntilOpen();
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
            Assert.False(recorder.HasFailed);
        }

        Assert.Equal(epochs.Sum(e => e.Spikes.Count), sink.Spikes);
        Assert.Equal(epochs.Sum(e => e.Samples.Count), sink.Samples);
    }

    [Fact]
    public void WarmedUpParquetSinks_WriteExactlyTheRecordedRows_AndNoDummyRow()
    {
        var layout = RecordingTestData.Layout;
        var epochs = RecordingTestData.Epochs(50);
        var memory = new MemorySink();
        var spikes = new ParquetSpikeSink(_dir);
        var states = new ParquetStateSink(_dir);
        using (var recorder = new Recorder(layout, [spikes, states, memory], flushRows: 1_000))
        {
            recorder.WaitUntilOpen();
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();
        }

        Assert.Equal(memory.Spikes.Count, spikes.RowsWritten);
        Assert.Equal(memory.Samples.Count, states.RowsWritten);
        Assert.Equal(memory.Spikes, ParquetRecordingReader.ReadSpikes(spikes.Path, layout));
        var samples = ParquetRecordingReader.ReadSamples(states.Path, layout);
        Assert.Equal(memory.Samples.Count, samples.Count);
        Assert.Equal(memory.Samples.Select(s => (s.Probe, s.Neuron, s.Step)), samples.Select(s => (s.Probe, s.Neuron, s.Step)));
    }

    [Fact]
    public void RecordingSpikes_AllocatesNothingPerSpike_OnTheSimulationThread()
    {
        const int epochs = 1_000;
        const int spikesPerEpoch = 1_000;
        var sink = new WarmUpProbeSink();
        using var recorder = new Recorder(RecordingTestData.Layout, [sink], bufferedChunks: 4);
        recorder.WaitUntilOpen();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var e = 0; e < epochs; e++)
        {
            for (var i = 0; i < spikesPerEpoch; i++)
            {
                recorder.AddSpike(i % 3, i % 10, (e * 10) + (i / 100));
            }
            recorder.EndEpoch();
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        recorder.Complete();

        // Chunks are pooled (at most bufferedChunks + 2 exist) and a full channel costs one small task per epoch:
        // well under a byte per spike, where one object per spike would be 24 bytes or more.
        Assert.Equal((long)epochs * spikesPerEpoch, sink.Spikes);
        Assert.True(allocated < (long)epochs * spikesPerEpoch / 2, $"allocated {allocated:N0} bytes for {epochs * spikesPerEpoch:N0} spikes");
    }

    [Fact]
    public void ParquetWarmUp_BeforeOpen_IsRefused()
    {
        using var sink = new ParquetSpikeSink(_dir);
        Assert.Throws<InvalidOperationException>(sink.WarmUp);
        Assert.False(File.Exists(sink.Path));
    }

    /// <summary>Records the order of the recorder's calls; can fail its warm-up.</summary>
    private sealed class WarmUpProbeSink : IRecordingSink, IRecordingWarmUp
    {
        private readonly List<string> _calls = [];

        public Exception? WarmUpFailure { get; init; }

        public IReadOnlyList<string> Calls => _calls;

        public int Spikes { get; private set; }

        public int Samples { get; private set; }

        public string Description => "probe";

        public void Open(RecordingLayout layout) => _calls.Add("open");

        public void WarmUp()
        {
            _calls.Add("warm-up");
            if (WarmUpFailure is not null)
            {
                throw WarmUpFailure;
            }
        }

        public void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes) => Spikes += spikes.Length;

        public void WriteSamples(ReadOnlySpan<StateSample> samples) => Samples += samples.Length;

        public void Flush() => _calls.Add("flush");

        public void Complete() => _calls.Add("complete");

        public void Dispose()
        {
        }
    }
}

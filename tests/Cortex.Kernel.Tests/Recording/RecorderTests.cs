using Cortex.Recording;
using Xunit;

namespace Cortex.Tests.Recording;

public sealed class RecorderTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public void DeliversEverySpikeAndSampleInOrderAcrossManyEpochs()
    {
        var epochs = RecordingTestData.Epochs(400);
        var sink = new MemorySink();
        // Two buffered chunks: the producer often waits for the consumer.
        using (var recorder = new Recorder(RecordingTestData.Layout, [sink], bufferedChunks: 2, flushRows: 500))
        {
            RecordingTestData.Feed(recorder, epochs);
            recorder.Complete();

            var expectedSpikes = epochs.SelectMany(e => e.Spikes).ToList();
            Assert.Equal(expectedSpikes.Count, recorder.SpikeCount);
            for (var p = 0; p < RecordingTestData.Layout.Populations.Count; p++)
            {
                Assert.Equal(expectedSpikes.Count(s => s.Population == p), recorder.SpikesPerPopulation[p]);
            }
            Assert.Equal(epochs.Sum(e => e.Samples.Count), recorder.SampleCount);
        }

        Assert.Same(RecordingTestData.Layout, sink.Layout);
        Assert.Equal(epochs.SelectMany(e => e.Spikes), sink.Spikes);
        Assert.Equal(epochs.SelectMany(e => e.Samples), sink.Samples);
        Assert.True(sink.IsCompleted);
        Assert.True(sink.FlushCount > 1, $"flushed {sink.FlushCount} times");
    }

    [Fact]
    public void EpochLargerThanChunkCapacity_IsDeliveredWhole()
    {
        var sink = new MemorySink();
        using var recorder = new Recorder(RecordingTestData.Layout, [sink]);
        for (var i = 0; i < 100_000; i++)
        {
            recorder.AddSpike(i % 3, i % 10, i / 100);
        }
        recorder.EndEpoch();
        recorder.Complete();

        Assert.Equal(100_000, sink.Spikes.Count);
        Assert.Equal(new SpikeRecord(99_999 % 3, 9, 999), sink.Spikes[^1]);
    }

    [Fact]
    public void FlushesAfterRowThresholdAndOnComplete()
    {
        var sink = new MemorySink();
        using var recorder = new Recorder(RecordingTestData.Layout, [sink], flushRows: 10, flushInterval: Never);
        for (var e = 0; e < 10; e++)
        {
            for (var i = 0; i < 4; i++)
            {
                recorder.AddSpike(0, i, e);
            }
            recorder.EndEpoch();
        }
        recorder.Complete();

        // 40 rows in chunks of 4: flushes after 12, 24 and 36 rows, then once more on Complete.
        Assert.Equal(4, sink.FlushCount);
    }

    [Fact]
    public void FlushesEveryChunkWhenTheIntervalIsZero()
    {
        var sink = new MemorySink();
        using var recorder = new Recorder(RecordingTestData.Layout, [sink], flushRows: long.MaxValue, flushInterval: TimeSpan.Zero);
        for (var e = 0; e < 5; e++)
        {
            recorder.AddSpike(0, 0, e);
            recorder.EndEpoch();
        }
        recorder.Complete();

        Assert.Equal(6, sink.FlushCount);
    }

    [Fact]
    public void SinkThrowingOnThirdWrite_RaisesRecordingExceptionNamingIt_AndOtherSinkGetsEverything()
    {
        var epochs = RecordingTestData.Epochs(50);
        var failing = new ScriptedSink("/x/spikes.parquet") { FailOnWrite = 3 };
        var memory = new MemorySink();
        var recorder = new Recorder(RecordingTestData.Layout, [failing, memory], bufferedChunks: 4);
        var errors = new List<RecordingException>();

        foreach (var (spikes, samples) in epochs)
        {
            RecordingTestData.Add(recorder, spikes, samples);
            try
            {
                recorder.EndEpoch();
            }
            catch (RecordingException ex)
            {
                errors.Add(ex);
            }
        }
        var onComplete = Assert.Throws<RecordingException>(recorder.Complete);
        recorder.Dispose();

        foreach (var error in errors.Append(onComplete))
        {
            Assert.Equal("recording to /x/spikes.parquet failed: No space left on device", error.Message);
            Assert.Equal("/x/spikes.parquet", error.SinkDescription);
            Assert.IsType<IOException>(error.InnerException);
        }
        Assert.True(recorder.HasFailed);
        Assert.Equal(3, failing.Writes);
        Assert.Equal(0, failing.Flushes);
        Assert.Equal(1, failing.Completions);
        Assert.True(failing.Disposed);
        Assert.Equal(epochs.SelectMany(e => e.Spikes), memory.Spikes);
        Assert.Equal(epochs.SelectMany(e => e.Samples), memory.Samples);
        Assert.True(memory.IsCompleted);
    }

    [Fact]
    public void EndEpochThrowsOnceTheFailureIsKnown()
    {
        var failing = new ScriptedSink("/x/state.parquet") { FailOnWrite = 1 };
        using var recorder = new Recorder(RecordingTestData.Layout, [failing]);
        recorder.AddSpike(0, 0, 0);
        recorder.EndEpoch(); // may or may not have been written yet
        SpinWait.SpinUntil(() => recorder.HasFailed, TimeSpan.FromSeconds(10));

        recorder.AddSpike(0, 1, 1);
        var error = Assert.Throws<RecordingException>(recorder.EndEpoch);

        Assert.Contains("/x/state.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisposeAfterFailure_CompletesEverySinkWithoutThrowing()
    {
        var failing = new ScriptedSink("broken") { FailOnWrite = 1 };
        var memory = new MemorySink();
        var recorder = new Recorder(RecordingTestData.Layout, [failing, memory]);
        for (var e = 0; e < 5; e++)
        {
            recorder.AddSpike(1, e, e);
            try
            {
                recorder.EndEpoch();
            }
            catch (RecordingException)
            {
                break; // a simulation would stop here
            }
        }
        recorder.AddSpike(1, 99, 99); // added, never handed on by EndEpoch

        recorder.Dispose();

        Assert.Equal(1, failing.Completions);
        Assert.True(memory.IsCompleted);
        Assert.Equal(new SpikeRecord(1, 99, 99), memory.Spikes[^1]);
    }

    [Fact]
    public async Task EndEpochBlocksWhileTheConsumerIsBehind()
    {
        using var gate = new ManualResetEventSlim(false);
        var slow = new ScriptedSink("slow") { Gate = gate };
        using var recorder = new Recorder(RecordingTestData.Layout, [slow], bufferedChunks: 1);
        var ended = 0;
        var producer = Task.Run(() =>
        {
            for (var e = 0; e < 10; e++)
            {
                recorder.AddSpike(0, 0, e);
                recorder.EndEpoch();
                Interlocked.Increment(ref ended);
            }
        });

        // One chunk in the sink (blocked), one in the channel: two EndEpochs return, however slow the machine.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref ended) == 2, TimeSpan.FromSeconds(30)), $"{Volatile.Read(ref ended)} epochs ended");
        // The third waits for as long as the sink does (a pause can only miss a bug here, never invent one).
        await Task.Delay(200);
        Assert.False(producer.IsCompleted);
        Assert.Equal(2, Volatile.Read(ref ended));

        gate.Set();
        await producer.WaitAsync(TimeSpan.FromSeconds(10));
        recorder.Complete();
        Assert.Equal(10, slow.Writes);
    }

    [Fact]
    public void AddingSpikesDoesNotAllocateWithinChunkCapacity()
    {
        using var recorder = new Recorder(RecordingTestData.Layout, [new MemorySink()]);
        recorder.AddSpike(0, 0, 0); // JIT

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            recorder.AddSpike(i % 3, i % 10, i);
            recorder.AddSample(0, 0, i, i);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        recorder.Complete();
    }

    [Fact]
    public void AddAfterCompleteThrows_AndCompleteIsIdempotent()
    {
        var sink = new MemorySink();
        using var recorder = new Recorder(RecordingTestData.Layout, [sink]);
        recorder.Complete();
        recorder.Complete();

        Assert.Throws<InvalidOperationException>(() => recorder.AddSpike(0, 0, 0));
        Assert.Throws<InvalidOperationException>(recorder.EndEpoch);
        Assert.True(sink.IsCompleted);
    }

    [Fact]
    public void SinkFailingToOpen_IsReportedAndSkipped()
    {
        var memory = new MemorySink();
        using var recorder = new Recorder(RecordingTestData.Layout, [new ThrowingOpenSink(), memory]);
        recorder.AddSpike(0, 1, 2);
        try
        {
            recorder.EndEpoch(); // throws if the consumer has already tried to open the sinks
        }
        catch (RecordingException)
        {
        }

        var error = Assert.Throws<RecordingException>(recorder.Complete);

        Assert.Equal("recording to /readonly/spikes.parquet failed: Access to the path is denied.", error.Message);
        Assert.Equal([new SpikeRecord(0, 1, 2)], memory.Spikes);
    }

    private sealed class ThrowingOpenSink : IRecordingSink
    {
        public string Description => "/readonly/spikes.parquet";

        public void Open(RecordingLayout layout) => throw new UnauthorizedAccessException("Access to the path is denied.");

        public void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes) => throw new InvalidOperationException("not opened");

        public void WriteSamples(ReadOnlySpan<StateSample> samples) => throw new InvalidOperationException("not opened");

        public void Flush()
        {
        }

        public void Complete()
        {
        }

        public void Dispose()
        {
        }
    }
}

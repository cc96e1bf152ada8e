using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Cortex.Recording;

/// <summary>
/// Collects spikes and state samples on the simulation thread and hands them, one chunk per epoch,
/// to a consumer thread that writes them to every <see cref="IRecordingSink"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Producer side</b> (one thread, the simulation loop): <see cref="AddSpike"/> and <see cref="AddSample"/>
/// append to the current chunk's arrays (no allocation beyond amortised growth); <see cref="EndEpoch"/>
/// hands the chunk to a bounded channel of <c>bufferedChunks</c> chunks and takes an empty one from a pool.
/// When the consumer is behind and the channel is full, <see cref="EndEpoch"/> blocks until a chunk
/// has been written: a slow disk slows the run down instead of filling memory.
/// </para>
/// <para>
/// <b>Consumer side</b> (one dedicated thread, started by the constructor): calls <see cref="IRecordingSink.Open"/>
/// on every sink and lets sinks that implement <see cref="IRecordingWarmUp"/> run their encoder once on a dummy row
/// (so the JIT compiles the write path while the network is being built, not during the first simulated steps;
/// <see cref="WaitUntilOpen"/> waits for this), then writes each chunk to every sink in order. It calls <see cref="IRecordingSink.Flush"/>
/// on every sink when the rows (spikes + samples) received since the last flush reach <c>flushRows</c>
/// (default <see cref="DefaultFlushRows"/>), or when a chunk arrives and at least <c>flushInterval</c>
/// (default <see cref="DefaultFlushInterval"/>) has passed since the last flush. Both are checked when a chunk
/// arrives, so with a file sink a killed run loses at most those rows or that much time of recording.
/// </para>
/// <para>
/// <b>Failures</b>: when a sink throws, the consumer remembers the exception, stops writing to that sink
/// and carries on with the others. The next <see cref="EndEpoch"/> or <see cref="Complete"/> (after handing
/// its data on) throws a <see cref="RecordingException"/> naming the sink and the reason.
/// </para>
/// <para>
/// The recorder owns its sinks: <see cref="Complete"/> (or <see cref="Dispose"/> without it) flushes the
/// healthy sinks and calls <see cref="IRecordingSink.Complete"/> on every sink, failed ones included, so
/// what was flushed stays readable; <see cref="Dispose"/> then disposes the sinks.
/// </para>
/// </remarks>
public sealed class Recorder : IDisposable
{
    /// <summary>Rows received since the last flush that trigger a flush of every sink.</summary>
    public const long DefaultFlushRows = 65_536;

    /// <summary>Time since the last flush after which the next chunk triggers a flush of every sink.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(5);

    /// <summary>Finished epochs that may wait for the consumer before <see cref="EndEpoch"/> blocks.</summary>
    public const int DefaultBufferedChunks = 64;

    private const int InitialChunkCapacity = 1024;

    private readonly RecordingLayout _layout;
    private readonly IRecordingSink[] _sinks;
    private readonly Channel<Chunk> _channel;
    private readonly ConcurrentQueue<Chunk> _pool = new();
    private readonly long _flushRows;
    private readonly TimeSpan _flushInterval;
    private readonly long[] _spikesPerPopulation;
    private readonly Task _consumer;
    private readonly ManualResetEventSlim _opened = new();
    private readonly bool _warmUpSinks;

    // Consumer-side failure state; _failures is guarded by its own lock, _failed is the producer's cheap check.
    private readonly List<(string Sink, Exception Error)> _failures = [];
    private readonly bool[] _sinkFailed;
    private volatile bool _failed;

    private Chunk _current;
    private long _spikeCount;
    private long _sampleCount;
    private bool _completed;
    private bool _disposed;

    /// <summary>Starts a recorder and its consumer thread, which opens every sink.</summary>
    /// <param name="layout">What is recorded; passed to <see cref="IRecordingSink.Open"/>.</param>
    /// <param name="sinks">Where to write; the recorder owns them from now on.</param>
    /// <param name="bufferedChunks">
    /// How many finished epochs may wait for the consumer before <see cref="EndEpoch"/> blocks; the default
    /// <see cref="DefaultBufferedChunks"/> (about 0.6 s of biological time at dt = 0.1 ms) rides out a slow flush or a
    /// core lent to another process without stalling the simulation.
    /// </param>
    /// <param name="flushRows">Rows since the last flush that trigger a flush; default <see cref="DefaultFlushRows"/>.</param>
    /// <param name="flushInterval">Time since the last flush after which the next chunk triggers one; default <see cref="DefaultFlushInterval"/>.</param>
    /// <param name="warmUpSinks">Warm up the sinks that implement <see cref="IRecordingWarmUp"/> after opening them; pass false when nothing will be recorded.</param>
    public Recorder(
        RecordingLayout layout,
        IReadOnlyList<IRecordingSink> sinks,
        int bufferedChunks = DefaultBufferedChunks,
        long flushRows = DefaultFlushRows,
        TimeSpan? flushInterval = null,
        bool warmUpSinks = true)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferedChunks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(flushRows, 1);
        for (var i = 0; i < sinks.Count; i++)
        {
            if (sinks[i] is null)
            {
                throw new ArgumentException($"sink {i} is null", nameof(sinks));
            }
        }

        _layout = layout;
        _warmUpSinks = warmUpSinks;
        _sinks = [.. sinks];
        _sinkFailed = new bool[_sinks.Length];
        _flushRows = flushRows;
        _flushInterval = flushInterval ?? DefaultFlushInterval;
        _spikesPerPopulation = new long[layout.Populations.Count];
        _channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(bufferedChunks)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
            // A hand-over wakes the blocked consumer directly from the producer's write. Otherwise the wake-up goes
            // through a thread-pool work item, and pool threads spin after each one; at 4,000 neurons that burned a
            // third of a core beside the simulation, which it takes from a simulation sharing a busy machine.
            AllowSynchronousContinuations = true,
        });
        _current = new Chunk();
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Blocks until the consumer has opened every sink and warmed up their encoders (or failed to: a failure is reported
    /// by the next <see cref="EndEpoch"/>). Call it after building the network and before the first step, so the first
    /// simulated steps do not share the CPU with the sinks' start-up.
    /// </summary>
    public void WaitUntilOpen() => _opened.Wait();

    /// <summary>The layout passed to the sinks.</summary>
    public RecordingLayout Layout => _layout;

    /// <summary>Spikes added so far (producer side, counted whether or not a sink failed).</summary>
    public long SpikeCount => _spikeCount;

    /// <summary>State samples added so far (producer side).</summary>
    public long SampleCount => _sampleCount;

    /// <summary>Spikes added so far per population index (producer side).</summary>
    public IReadOnlyList<long> SpikesPerPopulation => _spikesPerPopulation;

    /// <summary>Rows (spikes + samples) added since the last hand-over, which <see cref="EndEpoch"/> would hand on.</summary>
    public long PendingRows => _current.Rows;

    /// <summary>True once a sink has failed; the next <see cref="EndEpoch"/> or <see cref="Complete"/> throws.</summary>
    public bool HasFailed => _failed;

    /// <summary>Records a spike of neuron <paramref name="neuron"/> of population <paramref name="population"/> at <paramref name="step"/>.</summary>
    /// <remarks>Call in step order from the simulation thread only.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddSpike(int population, int neuron, long step)
    {
        if (_completed)
        {
            ThrowCompleted();
        }
        _spikesPerPopulation[population]++;
        _current.AddSpike(new SpikeRecord(population, neuron, step));
        _spikeCount++;
    }

    /// <summary>Records a state sample (value in internal units) of probe <paramref name="probe"/>.</summary>
    /// <remarks>Call in step order from the simulation thread only.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddSample(int probe, int neuron, long step, float value)
    {
        if (_completed)
        {
            ThrowCompleted();
        }
        _current.AddSample(new StateSample(probe, neuron, step, value));
        _sampleCount++;
    }

    /// <summary>
    /// Hands what was added since the last call to the consumer (blocking while <c>bufferedChunks</c> chunks
    /// are already waiting), then throws <see cref="RecordingException"/> if a sink has failed.
    /// </summary>
    public void EndEpoch()
    {
        if (_completed)
        {
            ThrowCompleted();
        }
        if (_current.Rows > 0)
        {
            var chunk = _current;
            _current = Rent();
            Send(chunk);
        }
        ThrowIfFailed();
    }

    /// <summary>
    /// Hands the last chunk on, waits until the consumer has written everything, flushes and completes every
    /// sink; throws <see cref="RecordingException"/> if a sink failed (the other sinks are still completed).
    /// Calling it again only repeats that exception.
    /// </summary>
    public void Complete()
    {
        CompleteCore();
        ThrowIfFailed();
    }

    /// <summary>
    /// Completes the recording if <see cref="Complete"/> was not called (so sinks keep what they received,
    /// also after a failure), then disposes the sinks. Never throws.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            CompleteCore();
        }
        catch (RecordingException)
        {
            // The consumer died; CompleteCore has already waited for it and it completed the sinks.
        }
        _opened.Dispose();
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Dispose();
            }
#pragma warning disable CA1031 // Dispose must not throw; a sink's failure to close is reported by Complete.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void CompleteCore()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        try
        {
            if (_current.Rows > 0)
            {
                Send(_current);
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
            _consumer.GetAwaiter().GetResult();
        }
    }

    private void Send(Chunk chunk)
    {
        var writer = _channel.Writer;
        if (writer.TryWrite(chunk))
        {
            return;
        }
        try
        {
            // Channel full: block the simulation until the consumer has taken a chunk.
            writer.WriteAsync(chunk).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            // Only the consumer closes the channel early, after recording why.
            ThrowIfFailed();
            throw;
        }
    }

    private Chunk Rent() => _pool.TryDequeue(out var chunk) ? chunk : new Chunk();

    private void ThrowIfFailed()
    {
        if (!_failed)
        {
            return;
        }
        (string Sink, Exception Error)[] failures;
        lock (_failures)
        {
            failures = [.. _failures];
        }
        if (failures.Length == 1)
        {
            throw RecordingException.ForSink(failures[0].Sink, failures[0].Error);
        }
        var message = string.Join("; ", failures.Select(f => RecordingException.ForSink(f.Sink, f.Error).Message));
        throw new RecordingException(message, failures[0].Sink, new AggregateException(failures.Select(f => f.Error)));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowCompleted() =>
        throw new InvalidOperationException("the recording is already complete");

    // ---- consumer thread ----

    private void Consume()
    {
        var reader = _channel.Reader;
        try
        {
            try
            {
                for (var i = 0; i < _sinks.Length; i++)
                {
                    Try(i, static (sink, layout) => sink.Open(layout), _layout);
                }
                if (_warmUpSinks)
                {
                    WarmUp();
                }
            }
            finally
            {
                _opened.Set();
            }

            long rowsSinceFlush = 0;
            var lastFlush = Stopwatch.GetTimestamp();
            while (WaitToRead(reader))
            {
                while (reader.TryRead(out var chunk))
                {
                    Write(chunk);
                    rowsSinceFlush += chunk.Rows;
                    chunk.Reset();
                    _pool.Enqueue(chunk);
                    if (rowsSinceFlush >= _flushRows || Stopwatch.GetElapsedTime(lastFlush) >= _flushInterval)
                    {
                        FlushAll();
                        rowsSinceFlush = 0;
                        lastFlush = Stopwatch.GetTimestamp();
                    }
                }
            }
        }
#pragma warning disable CA1031 // A bug here must not leave the producer blocked on a full channel: report it instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RecordFailure("the recorder", ex);
            _channel.Writer.TryComplete(ex);
        }
        finally
        {
            for (var i = 0; i < _sinks.Length; i++)
            {
                Try(i, static (sink, _) => sink.FlushBeforeComplete(), _layout);
            }
            for (var i = 0; i < _sinks.Length; i++)
            {
                // Completed also when failed, so a file sink closes what it had flushed as a readable file.
                Try(i, static (sink, _) => sink.Complete(), _layout, evenIfFailed: true);
            }
        }
    }

    // Waiting allocates (the channel's wait operation, the task it becomes and the event blocked on). A plugin that
    // exhausts memory on the simulation thread makes those allocations fail here too, for as long as it goes on. Giving up
    // would close the channel and lose every row handed over from then on, although the simulation's own out-of-memory
    // failure is about to free the memory and hand its last rows over; and waiting changes nothing, so it is retried.
    private static bool WaitToRead(ChannelReader<Chunk> reader)
    {
        while (true)
        {
            try
            {
                return reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (OutOfMemoryException)
            {
                Thread.Sleep(1);
            }
        }
    }

    // A failed warm-up is not a failed sink: the real write reports its own error, if any.
    private void WarmUp()
    {
        for (var i = 0; i < _sinks.Length; i++)
        {
            if (_sinkFailed[i] || _sinks[i] is not IRecordingWarmUp warmUp)
            {
                continue;
            }
            try
            {
                warmUp.WarmUp();
            }
#pragma warning disable CA1031 // Warming up is an optimisation; any failure shows again on the first real write.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Write(Chunk chunk)
    {
        for (var i = 0; i < _sinks.Length; i++)
        {
            if (_sinkFailed[i])
            {
                continue;
            }
            try
            {
                if (chunk.SpikeCount > 0)
                {
                    _sinks[i].WriteSpikes(chunk.Spikes.AsSpan(0, chunk.SpikeCount));
                }
                if (chunk.SampleCount > 0)
                {
                    _sinks[i].WriteSamples(chunk.Samples.AsSpan(0, chunk.SampleCount));
                }
            }
#pragma warning disable CA1031 // Any sink failure is reported to the producer as a RecordingException.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Fail(i, ex);
            }
        }
    }

    private void FlushAll()
    {
        for (var i = 0; i < _sinks.Length; i++)
        {
            Try(i, static (sink, _) => sink.Flush(), _layout);
        }
    }

    private void Try(int index, Action<IRecordingSink, RecordingLayout> action, RecordingLayout layout, bool evenIfFailed = false)
    {
        var failed = _sinkFailed[index];
        if (failed && !evenIfFailed)
        {
            return;
        }
        try
        {
            action(_sinks[index], layout);
        }
#pragma warning disable CA1031 // Any sink failure is reported to the producer as a RecordingException.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!failed)
            {
                Fail(index, ex);
            }
        }
    }

    private void Fail(int index, Exception error)
    {
        _sinkFailed[index] = true;
        string description;
        try
        {
            description = _sinks[index].Description;
        }
#pragma warning disable CA1031 // A broken Description must not hide the real failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            description = $"sink {index} ({_sinks[index].GetType().Name})";
        }
        RecordFailure(description, error);
    }

    private void RecordFailure(string description, Exception error)
    {
        lock (_failures)
        {
            _failures.Add((description, error));
        }
        _failed = true;
    }

    /// <summary>One epoch's rows; reused through the pool.</summary>
    private sealed class Chunk
    {
        public SpikeRecord[] Spikes = new SpikeRecord[InitialChunkCapacity];
        public StateSample[] Samples = new StateSample[InitialChunkCapacity];
        public int SpikeCount;
        public int SampleCount;

        public long Rows => (long)SpikeCount + SampleCount;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddSpike(SpikeRecord spike)
        {
            if (SpikeCount == Spikes.Length)
            {
                Array.Resize(ref Spikes, Spikes.Length * 2);
            }
            Spikes[SpikeCount++] = spike;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddSample(StateSample sample)
        {
            if (SampleCount == Samples.Length)
            {
                Array.Resize(ref Samples, Samples.Length * 2);
            }
            Samples[SampleCount++] = sample;
        }

        public void Reset()
        {
            SpikeCount = 0;
            SampleCount = 0;
        }
    }
}

using Cortex.Recording;

namespace Cortex.Viewer.Live;

/// <summary>
/// A recording sink that hands a running simulation's spikes to the viewer: it sits beside the Parquet sinks of a
/// normal run and writes into a <see cref="SpikeRing"/>, never waiting, so the run is as fast as without a viewer
/// (a viewer that falls behind loses spikes from its picture, counted in <see cref="SpikeRing.Dropped"/>, never from the files).
/// </summary>
/// <remarks>Called on the recorder's consumer thread; the properties are safe to read from the viewer's thread.</remarks>
public sealed class LiveSpikeSink : IRecordingSink
{
    private RecordingLayout? _layout;
    private long _lastStep = -1;
    private int _completed;

    /// <summary>A sink writing into a ring of <paramref name="capacity"/> spikes.</summary>
    public LiveSpikeSink(int capacity = DefaultCapacity)
    {
        Ring = new SpikeRing(capacity);
    }

    /// <summary>Four million spikes (64 MB): several seconds of a million neurons at 1 Hz between two frames.</summary>
    public const int DefaultCapacity = 1 << 22;

    /// <summary>Where the spikes go; the viewer reads it each frame.</summary>
    public SpikeRing Ring { get; }

    /// <inheritdoc />
    public string Description => "live viewer";

    /// <summary>The layout once the recording has opened (time step, populations), else null.</summary>
    public RecordingLayout? Layout => Volatile.Read(ref _layout);

    /// <summary>The step of the newest spike received (dropped or not), or -1 before the first.</summary>
    public long LastStep => Volatile.Read(ref _lastStep);

    /// <summary>True once the recording is complete: every spike the run will send has been offered to the ring.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <inheritdoc />
    public void Open(RecordingLayout layout) => Volatile.Write(ref _layout, layout);

    /// <inheritdoc />
    public void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes)
    {
        if (spikes.IsEmpty) return;
        Ring.TryWrite(spikes);
        Volatile.Write(ref _lastStep, spikes[^1].Step);
    }

    /// <inheritdoc />
    public void WriteSamples(ReadOnlySpan<StateSample> samples)
    {
    }

    /// <inheritdoc />
    public void Flush()
    {
    }

    /// <inheritdoc />
    public void Complete() => Volatile.Write(ref _completed, 1);

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }
}

namespace Cortex.Recording;

/// <summary>
/// Keeps every spike and state sample in memory, in the order received. For tests and small runs.
/// Read <see cref="Spikes"/> and <see cref="Samples"/> after the recording is complete (the recorder writes
/// them from its consumer thread).
/// </summary>
public sealed class MemorySink : IRecordingSink
{
    private readonly List<SpikeRecord> _spikes = [];
    private readonly List<StateSample> _samples = [];

    /// <summary>Creates an empty sink.</summary>
    /// <param name="description">Shown in error messages.</param>
    public MemorySink(string description = "memory")
    {
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The layout given to <see cref="Open"/>, or null before.</summary>
    public RecordingLayout? Layout { get; private set; }

    /// <summary>Every spike received, in order.</summary>
    public IReadOnlyList<SpikeRecord> Spikes => _spikes;

    /// <summary>Every state sample received, in order.</summary>
    public IReadOnlyList<StateSample> Samples => _samples;

    /// <summary>How many times <see cref="Flush"/> was called.</summary>
    public int FlushCount { get; private set; }

    /// <summary>True after <see cref="Complete"/>.</summary>
    public bool IsCompleted { get; private set; }

    /// <inheritdoc />
    public void Open(RecordingLayout layout) => Layout = layout;

    /// <inheritdoc />
    public void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes) => _spikes.AddRange(spikes);

    /// <inheritdoc />
    public void WriteSamples(ReadOnlySpan<StateSample> samples) => _samples.AddRange(samples);

    /// <inheritdoc />
    public void Flush() => FlushCount++;

    /// <inheritdoc />
    public void Complete() => IsCompleted = true;

    /// <summary>Nothing to release; the data stays readable.</summary>
    public void Dispose()
    {
    }
}

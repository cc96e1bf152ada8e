namespace Cortex.Recording;

/// <summary>
/// A destination for recorded data. Sinks are called from one consumer thread, never from the
/// simulation loop, so a slow disk delays the run only when the bounded buffer is full.
/// </summary>
public interface IRecordingSink : IDisposable
{
    /// <summary>A short description for error messages (e.g. the file path).</summary>
    string Description { get; }

    /// <summary>Called once before any data.</summary>
    void Open(RecordingLayout layout);

    /// <summary>Receives a chunk of spikes in step order.</summary>
    void WriteSpikes(ReadOnlySpan<SpikeRecord> spikes);

    /// <summary>Receives a chunk of state samples in step order.</summary>
    void WriteSamples(ReadOnlySpan<StateSample> samples);

    /// <summary>Makes everything received so far durable (a file sink writes it as a readable chunk).</summary>
    void Flush();

    /// <summary>
    /// The last flush, right before <see cref="Complete"/> of a run that ends: writes everything received, like
    /// <see cref="Flush"/>, but a file sink need not sync it to the disk (no kill can lose it any more, and a sync would
    /// put milliseconds of disk latency on every run's critical path). By default, <see cref="Flush"/>.
    /// </summary>
    void FlushBeforeComplete() => Flush();

    /// <summary>Called once after the last data, also after a failed run, so what was recorded is kept.</summary>
    void Complete();
}

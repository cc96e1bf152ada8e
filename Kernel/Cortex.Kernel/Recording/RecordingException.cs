namespace Cortex.Recording;

/// <summary>
/// A recording sink failed (disk full, permission denied, ...). The message names the sink's
/// <see cref="IRecordingSink.Description"/> and the reason, e.g.
/// "recording to /runs/a/spikes.parquet failed: No space left on device".
/// </summary>
public sealed class RecordingException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public RecordingException()
        : base("recording failed")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public RecordingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    public RecordingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about a failed sink.</summary>
    /// <param name="message">The full message (see <see cref="ForSink"/> for the usual form).</param>
    /// <param name="sinkDescription">The failed sink's <see cref="IRecordingSink.Description"/>.</param>
    /// <param name="innerException">What the sink threw.</param>
    public RecordingException(string message, string? sinkDescription, Exception? innerException)
        : base(message, innerException)
    {
        SinkDescription = sinkDescription;
    }

    /// <summary>"recording to {description} failed: {reason.Message}", with the reason as inner exception.</summary>
    public static RecordingException ForSink(string sinkDescription, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new RecordingException($"recording to {sinkDescription} failed: {reason.Message}", sinkDescription, reason);
    }

    /// <summary>The description of the (first) failed sink, or null when not about one sink.</summary>
    public string? SinkDescription { get; }
}

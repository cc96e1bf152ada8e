namespace Cortex.Learning.Events;

/// <summary>
/// A recording of address events from an event camera: pixel (x, y), polarity (true = ON, brightness
/// increased) and timestamp in microseconds, in time order, on a sensor of <see cref="Width"/> ×
/// <see cref="Height"/> pixels.
/// </summary>
public sealed class AddressEvents
{
    /// <summary>Wraps the four arrays, which must have equal length.</summary>
    public AddressEvents(ushort[] x, ushort[] y, bool[] polarity, long[] timestampMicroseconds, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(polarity);
        ArgumentNullException.ThrowIfNull(timestampMicroseconds);
        if (y.Length != x.Length || polarity.Length != x.Length || timestampMicroseconds.Length != x.Length)
            throw new ArgumentException($"x, y, polarity and timestamp arrays must have equal length, got {x.Length}, {y.Length}, {polarity.Length}, {timestampMicroseconds.Length}");
        if (width < 1 || height < 1)
            throw new ArgumentOutOfRangeException(nameof(width), $"sensor size must be at least 1×1, got {width}×{height}");
        X = x;
        Y = y;
        Polarity = polarity;
        TimestampMicroseconds = timestampMicroseconds;
        Width = width;
        Height = height;
    }

    /// <summary>Column of each event.</summary>
    public IReadOnlyList<ushort> X { get; }

    /// <summary>Row of each event.</summary>
    public IReadOnlyList<ushort> Y { get; }

    /// <summary>Polarity of each event: true = ON.</summary>
    public IReadOnlyList<bool> Polarity { get; }

    /// <summary>Time of each event in µs, non-decreasing.</summary>
    public IReadOnlyList<long> TimestampMicroseconds { get; }

    /// <summary>Sensor width in pixels.</summary>
    public int Width { get; }

    /// <summary>Sensor height in pixels.</summary>
    public int Height { get; }

    /// <summary>The number of events.</summary>
    public int Count => X.Count;
}

namespace Cortex.Learning.Events;

/// <summary>How a recording becomes frames [T, 2, H, W].</summary>
/// <param name="Bins">T, the number of frames, at least 1.</param>
/// <param name="Binning">How events are assigned to frames.</param>
/// <param name="WindowMicroseconds">Window length for <see cref="EventBinning.TimeWindow"/> (required there, ignored otherwise).</param>
/// <param name="Values">Counts, binary or normalized.</param>
public sealed record EventFrameOptions(int Bins = 10, EventBinning Binning = EventBinning.EqualTime, long? WindowMicroseconds = null, FrameValues Values = FrameValues.Counts)
{
    /// <summary>Throws naming the first unusable option.</summary>
    public void Validate()
    {
        if (Bins < 1)
            throw new ArgumentOutOfRangeException(nameof(Bins), Bins, $"event frames: bins must be >= 1, got {Bins}");
        if (Binning == EventBinning.TimeWindow && WindowMicroseconds is not > 0)
            throw new ArgumentOutOfRangeException(nameof(WindowMicroseconds), WindowMicroseconds, $"event frames: time-window binning needs a window > 0 µs, got {WindowMicroseconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
    }
}

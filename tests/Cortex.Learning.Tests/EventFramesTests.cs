using Cortex.Learning.Events;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

public sealed class EventFramesTests
{
    private static AddressEvents Events(params (int X, int Y, bool On, long T)[] events) =>
        new([.. events.Select(e => (ushort)e.X)], [.. events.Select(e => (ushort)e.Y)], [.. events.Select(e => e.On)], [.. events.Select(e => e.T)], 34, 34);

    /// <summary>A pseudo-random recording over 0..9999 µs, with the window counts worked out independently.</summary>
    private static AddressEvents RandomEvents(int count, int seed)
    {
        var random = new Random(seed);
        var times = Enumerable.Range(0, count).Select(_ => (long)random.Next(10_000)).Order().ToArray();
        return new AddressEvents(
            [.. times.Select(_ => (ushort)random.Next(34))], [.. times.Select(_ => (ushort)random.Next(34))],
            [.. times.Select(_ => random.Next(2) == 1)], times, 34, 34);
    }

    [TorchFact]
    public void Equal_time_bins_count_the_events_of_each_window_per_polarity_and_pixel()
    {
        var events = Events((1, 2, true, 100), (1, 2, true, 150), (1, 2, false, 160), (5, 6, true, 599), (3, 3, false, 1099));
        // Span 100..1099 = 1000 µs in 4 bins of 250 µs: [100,350) [350,600) [600,850) [850,1100).
        using var frames = EventFrames.ToFrames(events, new EventFrameOptions(Bins: 4));
        Assert.Equal([4L, 2, 34, 34], frames.shape);
        Assert.Equal(2f, frames[0, 1, 2, 1].item<float>());
        Assert.Equal(1f, frames[0, 0, 2, 1].item<float>());
        Assert.Equal(1f, frames[1, 1, 6, 5].item<float>());
        Assert.Equal(0f, frames[2].sum().item<float>());
        Assert.Equal(1f, frames[3, 0, 3, 3].item<float>());
        Assert.Equal(5f, frames.sum().item<float>());
    }

    [TorchTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(20)]
    public void Each_equal_time_bin_holds_exactly_the_events_of_its_window(int bins)
    {
        var events = RandomEvents(500, bins);
        using var frames = EventFrames.ToFrames(events, new EventFrameOptions(Bins: bins));
        var t0 = events.TimestampMicroseconds[0];
        var span = events.TimestampMicroseconds[^1] - t0 + 1;
        for (var b = 0; b < bins; b++)
        {
            // Window b is [t0 + b·span/T, t0 + (b+1)·span/T) in exact rational arithmetic.
            var inWindow = events.TimestampMicroseconds.Count(t => (t - t0) * bins >= b * span && (t - t0) * bins < (b + 1) * span);
            Assert.Equal(inWindow, (int)frames[b].sum().item<float>());
        }
    }

    [TorchFact]
    public void Equal_count_bins_hold_counts_differing_by_at_most_one()
    {
        var events = RandomEvents(103, 1);
        using var frames = EventFrames.ToFrames(events, new EventFrameOptions(Bins: 10, Binning: EventBinning.EqualCount));
        var perBin = Enumerable.Range(0, 10).Select(b => (int)frames[b].sum().item<float>()).ToArray();
        Assert.Equal(103, perBin.Sum());
        Assert.InRange(perBin.Max() - perBin.Min(), 0, 1);
    }

    [TorchFact]
    public void Time_windows_are_fixed_length_and_drop_later_events()
    {
        var events = RandomEvents(400, 2);
        var t0 = events.TimestampMicroseconds[0];
        using var frames = EventFrames.ToFrames(events, new EventFrameOptions(Bins: 3, Binning: EventBinning.TimeWindow, WindowMicroseconds: 1000));
        for (var b = 0; b < 3; b++)
            Assert.Equal(events.TimestampMicroseconds.Count(t => t - t0 >= b * 1000 && t - t0 < (b + 1) * 1000), (int)frames[b].sum().item<float>());
        Assert.True(frames.sum().item<float>() < 400);
    }

    [TorchFact]
    public void Binary_and_normalized_values()
    {
        var events = Events((1, 1, true, 0), (1, 1, true, 1), (1, 1, true, 2), (1, 1, true, 3), (2, 2, false, 4));
        using var binary = EventFrames.ToFrames(events, new EventFrameOptions(Bins: 1, Values: FrameValues.Binary));
        Assert.Equal(2f, binary.sum().item<float>());
        using var normalized = EventFrames.ToFrames(events, new EventFrameOptions(Bins: 1, Values: FrameValues.Normalized));
        Assert.Equal(1f, normalized[0, 1, 1, 1].item<float>());
        Assert.Equal(0.25f, normalized[0, 0, 2, 2].item<float>());
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Contains("bins must be >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new EventFrameOptions(Bins: 0).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("needs a window", Assert.Throws<ArgumentOutOfRangeException>(() => new EventFrameOptions(Binning: EventBinning.TimeWindow).Validate()).Message, StringComparison.Ordinal);
    }
}

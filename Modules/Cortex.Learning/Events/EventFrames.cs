using static TorchSharp.torch;

namespace Cortex.Learning.Events;

/// <summary>
/// Turns address events into frames float32 [T, 2, H, W] by counting events per polarity (channel 0 = OFF,
/// 1 = ON, as tonic's ToFrame) and pixel in each of T bins.
/// Equal time: with t₀ the first and t₁ the last timestamp, event t goes to bin floor((t − t₀)·T / (t₁ − t₀ + 1)),
/// so bins cover [t₀, t₁] in equal parts and no event is lost. Equal count: event i of N goes to bin
/// floor(i·T / N). Time window: bin floor((t − t₀) / window), events past T windows dropped.
/// </summary>
public static class EventFrames
{
    /// <summary>The bin of every event (−1 where an event is dropped).</summary>
    public static int[] BinIndices(AddressEvents events, EventFrameOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var count = events.Count;
        var bins = new int[count];
        if (count == 0) return bins;
        var t0 = events.TimestampMicroseconds[0];
        var span = events.TimestampMicroseconds[^1] - t0 + 1;
        for (var i = 0; i < count; i++)
        {
            var elapsed = events.TimestampMicroseconds[i] - t0;
            long bin = options.Binning switch
            {
                EventBinning.EqualTime => elapsed * options.Bins / span,
                EventBinning.EqualCount => (long)i * options.Bins / count,
                _ => elapsed / options.WindowMicroseconds!.Value,
            };
            bins[i] = bin < options.Bins ? (int)bin : -1;
        }
        return bins;
    }

    /// <summary>The frames [T, 2, H, W] of <paramref name="events"/>.</summary>
    public static Tensor ToFrames(AddressEvents events, EventFrameOptions options)
    {
        var bins = BinIndices(events, options);
        var (height, width) = (events.Height, events.Width);
        var frames = new float[(long)options.Bins * 2 * height * width];
        for (var i = 0; i < bins.Length; i++)
        {
            if (bins[i] < 0) continue;
            var channel = events.Polarity[i] ? 1 : 0;
            frames[((((long)bins[i] * 2) + channel) * height + events.Y[i]) * width + events.X[i]] += 1;
        }
        Scale(frames, options.Values);
        return tensor(frames, [options.Bins, 2, height, width]);
    }

    private static void Scale(float[] frames, FrameValues values)
    {
        if (values == FrameValues.Counts || frames.Length == 0) return;
        var divisor = values == FrameValues.Binary ? 1f : frames.Max();
        if (divisor == 0) return;
        for (var i = 0; i < frames.Length; i++)
            frames[i] = values == FrameValues.Binary ? (frames[i] > 0 ? 1 : 0) : frames[i] / divisor;
    }
}

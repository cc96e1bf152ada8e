using Cortex.Learning.Encoding;

namespace Cortex.Learning.EventProp;

/// <summary>
/// Time-to-first-spike input in continuous time: the <see cref="LatencyEncoder"/>'s mapping without its rounding to
/// steps. Linear: t = (1 − x)·window; logarithmic: t = τ·ln(x/(x − θ)) ms. Inputs below the encoder's threshold
/// (logarithmic: at or below), and logarithmic times past the window, stay silent; every other input spikes once.
/// </summary>
public static class LatencyTimes
{
    /// <summary>The input spikes of one sample (features in [0, 1]), in time order.</summary>
    public static SpikeList Encode(ReadOnlySpan<double> features, LatencyEncoder encoder, double window)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (!(window > 0)) throw new ArgumentOutOfRangeException(nameof(window), window, "the input window must be > 0 ms");
        var spikes = new SpikeList(Math.Max(1, features.Length));
        for (var i = 0; i < features.Length; i++)
        {
            var x = features[i];
            double time;
            if (encoder.Mode == LatencyMode.Linear)
            {
                if (!(x >= encoder.Threshold)) continue;
                time = (1 - Math.Min(x, 1)) * window;
            }
            else
            {
                if (!(x > encoder.Threshold)) continue;
                time = encoder.Tau * Math.Log(x / (x - encoder.Threshold));
                if (time > window) continue;
            }
            spikes.Add(time, i);
        }
        return spikes.Sorted();
    }
}

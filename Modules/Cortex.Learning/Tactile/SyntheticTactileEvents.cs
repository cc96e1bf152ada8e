using Cortex.Learning.Data;
using Cortex.Randomness;
using static TorchSharp.torch;

namespace Cortex.Learning.Tactile;

/// <summary>
/// A seeded, synthetic event-driven tactile set standing in for NeuTouch/BioTac recordings (not packaged for
/// Debian). Each recording presses one object (<see cref="TactileShape"/>) onto a rows × cols taxel grid:
/// <list type="bullet">
/// <item>the contact centre is the grid centre shifted uniformly by ±max_shift taxels; the size varies ×0.8–1.2,
/// the peak force 0.6–1.0;</item>
/// <item>the force ramps up from a random onset (first quarter) over 2–4 bins, holds for a third to a half of the
/// recording while the object slips at up to max_slip taxels per bin in a random direction, then ramps down;</item>
/// <item>each taxel works like an event sensor: it keeps a reference level and emits an ON (OFF) event each time the
/// pressure rises (falls) by event_threshold from it, moving the reference by that step; a bin holds 1 where a
/// polarity had at least one event; spurious events are added with probability noise.</item>
/// </list>
/// Recordings are [steps, 2, rows, cols] (ON, OFF) in {0, 1}; labels cycle through the classes. Train and test
/// recordings come from separate streams of the seed, so the same seed always gives the same set.
/// </summary>
public static class SyntheticTactileEvents
{
    /// <summary>Keeps tactile generation apart from the simulator's random streams ("tact" in ASCII).</summary>
    private const StreamDomain TactileDomain = (StreamDomain)0x7461_6374;

    /// <summary>Generates the train and test sets for <paramref name="seed"/>.</summary>
    public static DatasetSplit Generate(TactileDataOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var train = GenerateSet(options, options.TrainPerClass, (ulong)seed, 0, "synthetic-tactile/train");
        return new DatasetSplit(train, GenerateSet(options, options.TestPerClass, (ulong)seed, 1, "synthetic-tactile/test"));
    }

    /// <summary>One recording of class <paramref name="shape"/> drawn from <paramref name="random"/>: [steps, 2, rows, cols] flattened.</summary>
    public static float[] Record(TactileDataOptions options, int shape, ref SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (rows, cols, steps) = (options.Rows, options.Cols, options.Steps);
        var centreX = ((cols - 1) / 2.0) + Uniform(ref random, -options.MaxShift, options.MaxShift);
        var centreY = ((rows - 1) / 2.0) + Uniform(ref random, -options.MaxShift, options.MaxShift);
        var scale = Uniform(ref random, 0.8, 1.2);
        var peak = Uniform(ref random, 0.6, 1.0);
        var onset = random.NextInt(Math.Max(1, steps / 4));
        var ramp = 2 + random.NextInt(3);
        var hold = (steps / 3) + random.NextInt(Math.Max(1, (steps / 2) - (steps / 3) + 1));
        var direction = Uniform(ref random, 0, 2 * Math.PI);
        var slip = Uniform(ref random, 0, options.MaxSlip);

        var frame = rows * cols;
        var record = new float[steps * 2 * frame];
        var reference = new double[frame];
        for (var t = 0; t < steps; t++)
        {
            var force = Force(t, onset, ramp, hold, peak);
            var moved = Math.Clamp(t - onset - ramp, 0, hold) * slip;
            var cx = centreX + (moved * Math.Cos(direction));
            var cy = centreY + (moved * Math.Sin(direction));
            for (var y = 0; y < rows; y++)
            {
                for (var x = 0; x < cols; x++)
                {
                    var n = (y * cols) + x;
                    var pressure = force * TactileShape.Footprint(shape, x - cx, y - cy, scale);
                    var on = false;
                    var off = false;
                    while (pressure - reference[n] >= options.EventThreshold) { reference[n] += options.EventThreshold; on = true; }
                    while (reference[n] - pressure >= options.EventThreshold) { reference[n] -= options.EventThreshold; off = true; }
                    on |= random.NextDouble() < options.Noise;
                    off |= random.NextDouble() < options.Noise;
                    if (on) record[(t * 2 * frame) + n] = 1;
                    if (off) record[(((t * 2) + 1) * frame) + n] = 1;
                }
            }
        }
        return record;
    }

    /// <summary>The force profile: 0 before the onset, a linear ramp to the peak, the hold, a linear ramp down, 0.</summary>
    public static double Force(int t, int onset, int ramp, int hold, double peak)
    {
        var s = t - onset;
        if (s < 0) return 0;
        if (s < ramp) return peak * (s + 1) / ramp;
        if (s < ramp + hold) return peak;
        var down = s - ramp - hold;
        return down < ramp ? peak * (ramp - down - 1) / ramp : 0;
    }

    private static LabeledDataset GenerateSet(TactileDataOptions options, int perClass, ulong seed, long stream, string name)
    {
        var count = perClass * options.Classes;
        var sampleSize = options.Steps * 2 * options.Rows * options.Cols;
        var inputs = new float[(long)count * sampleSize];
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % options.Classes;
            var random = SeededRandom.Create(seed, TactileDomain, stream, i);
            Record(options, (int)labels[i], ref random).CopyTo(inputs, (long)i * sampleSize);
        }
        return new LabeledDataset(name, tensor(inputs, [count, .. options.SampleShape]), tensor(labels, ScalarType.Int64), options.Classes);
    }

    private static double Uniform(ref SeededRandom random, double low, double high) => low + ((high - low) * random.NextDouble());
}

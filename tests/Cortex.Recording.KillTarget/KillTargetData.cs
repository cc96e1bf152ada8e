using Cortex.Recording;

namespace Cortex.Recording.KillTarget;

/// <summary>
/// The rows the kill target records: row <c>i</c> (counted over the whole run) is a closed form of <c>i</c>, so a
/// reader that finds <c>n</c> rows can check every value without knowing how the run ended.
/// </summary>
public static class KillTargetData
{
    /// <summary>Two populations, one state probe in mV (stored as given), dt 0.25 ms (exact in binary).</summary>
    public static readonly RecordingLayout Layout = new(
        ["exc", "inh"],
        [7, 5],
        [new StateProbeInfo("exc", "v", "mV")],
        0.25);

    /// <summary>Spike row <paramref name="i"/>.</summary>
    public static SpikeRecord Spike(long i) => new((int)(i % 2), (int)(i % 5), i);

    /// <summary>State row <paramref name="i"/>, value in mV.</summary>
    public static StateSample Sample(long i) => new(0, (int)(i % 7), i, (i % 1000) * 0.5f - 70f);
}

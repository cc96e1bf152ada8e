namespace Cortex.Cognition.WorkingMemory;

/// <summary>One trial of the working-memory task: what was shown and what was decoded from the bump.</summary>
/// <param name="Cue">The cue's angle, degrees.</param>
/// <param name="Distractor">The distractor's angle, or null when none was shown.</param>
/// <param name="Start">Decoded angle in the first window of the delay (NaN when the ring was silent).</param>
/// <param name="Decoded">Decoded angle at each checkpoint of <see cref="WorkingMemorySettings.Delays"/> (NaN when silent).</param>
/// <param name="PeakRateHz">The highest rate of a 10-neuron-wide (or narrower) slice of the ring in the last window.</param>
public sealed record WorkingMemoryTrial(double Cue, double? Distractor, double Start, IReadOnlyList<double> Decoded, double PeakRateHz)
{
    /// <summary>The error counted for a silent ring: the mean |error| of a uniform guess.</summary>
    public const double ChanceError = 90;

    /// <summary>|decoded − cue| on the circle at checkpoint <paramref name="k"/>; <see cref="ChanceError"/> when nothing was decoded.</summary>
    public double AbsoluteError(int k) => double.IsNaN(Decoded[k]) ? ChanceError : Math.Abs(PopulationVector.Difference(Decoded[k], Cue));

    /// <summary>Whether the last decoded angle is nearer the cue than the distractor (false without a distractor or a decoded angle).</summary>
    public bool ResistedDistractor =>
        Distractor is { } d && !double.IsNaN(Decoded[^1])
        && Math.Abs(PopulationVector.Difference(Decoded[^1], Cue)) < Math.Abs(PopulationVector.Difference(Decoded[^1], d));
}

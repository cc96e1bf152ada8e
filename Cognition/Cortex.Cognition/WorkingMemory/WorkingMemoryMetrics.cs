using System.Globalization;

namespace Cortex.Cognition.WorkingMemory;

/// <summary>The figures an episode of the working-memory task reports besides its score.</summary>
public static class WorkingMemoryMetrics
{
    /// <summary>The name of the mean |error| at a delay, e.g. <c>error_deg_3000ms</c>.</summary>
    public static string ErrorName(double delayMs) => "error_deg_" + delayMs.ToString("0.##", CultureInfo.InvariantCulture) + "ms";

    /// <summary>
    /// Mean |error| (degrees) at each delay; the drift rate, the mean |angle moved| between the window at the start of
    /// the delay and the last one, per second between their centres (trials silent in either window left out; 0 when all
    /// were), and its signed mean (positive: towards larger angles); the fraction of trials with a bump still decoded at the end; the mean peak rate in the last window; and,
    /// with a distractor, the fraction of trials whose final angle is nearer the cue than the distractor.
    /// </summary>
    public static Dictionary<string, double> Of(WorkingMemorySettings s, IReadOnlyList<WorkingMemoryTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(trials);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var delays = s.Delays;
        for (var k = 0; k < delays.Count; k++)
            metrics[ErrorName(delays[k])] = trials.Count == 0 ? 0 : trials.Average(t => t.AbsoluteError(k));
        var seconds = (s.DelayMs - s.WindowMs) / 1000;
        var moved = trials.Where(t => !double.IsNaN(t.Start) && !double.IsNaN(t.Decoded[^1]))
            .Select(t => Math.Abs(PopulationVector.Difference(t.Decoded[^1], t.Start))).ToList();
        metrics["drift_deg_per_s"] = moved.Count == 0 || seconds <= 0 ? 0 : moved.Average() / seconds;
        // Signed: a ring without systematic drift has this near 0 (± drift/√trials), whatever its diffusion.
        var signed = trials.Where(t => !double.IsNaN(t.Start) && !double.IsNaN(t.Decoded[^1]))
            .Select(t => PopulationVector.Difference(t.Decoded[^1], t.Start)).ToList();
        metrics["signed_drift_deg_per_s"] = signed.Count == 0 || seconds <= 0 ? 0 : signed.Average() / seconds;
        metrics["peak_rate_hz"] = trials.Count == 0 ? 0 : trials.Average(t => t.PeakRateHz);
        if (s.HasDistractor) metrics["distractor_resistance"] = trials.Count == 0 ? 0 : trials.Count(t => t.ResistedDistractor) / (double)trials.Count;
        return metrics;
    }
}

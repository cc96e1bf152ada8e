using Cortex.Plots;
using Cortex.Recording;

namespace Cortex.Cognition.WorkingMemory;

/// <summary>The task's own figures: the bump's raster and the decoding error against the delay.</summary>
public static class WorkingMemoryPlots
{
    /// <summary>The raster's file name.</summary>
    public const string RasterFile = "bump_raster.png";

    /// <summary>The error-versus-delay figure's file name.</summary>
    public const string ErrorFile = "error_vs_delay.png";

    /// <summary>
    /// Writes the raster of one trial (excitatory neurons are numbered by preferred angle, so the bump is a band) and
    /// the mean |error| at each delay over <paramref name="trials"/>, with the chance level (90°) for comparison.
    /// </summary>
    public static void Save(string directory, WorkingMemorySettings settings, IReadOnlyList<WorkingMemoryTrial> trials,
        IReadOnlyList<SpikeRecord> firstTrial, RecordingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(trials);
        if (firstTrial.Count > 0 && trials.Count > 0)
            RasterPlot.Save(Path.Combine(directory, RasterFile), firstTrial, layout, settings.CueMs + settings.DelayMs,
                title: $"cue at {trials[0].Cue:0}° for {settings.CueMs:0} ms, then delay (E neurons sorted by preferred angle, then I)");
        if (trials.Count == 0) return;
        double[] delays = [.. settings.Delays];
        var errors = delays.Select((_, k) => trials.Average(t => t.AbsoluteError(k))).ToArray();
        var chance = delays.Select(_ => WorkingMemoryTrial.ChanceError).ToArray();
        LearningCurvePlot.Save(Path.Combine(directory, ErrorFile),
        [
            new CurvePanel("mean |error| (deg)", "delay after cue offset (ms)",
            [
                new CurveSeries($"ring ({trials.Count} trials)", delays, errors),
                new CurveSeries("chance (uniform guess)", delays, chance),
            ]) { YMin = 0, YMax = 100 },
        ], title: "decoding error vs delay");
    }
}

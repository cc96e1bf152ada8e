using Cortex.Plots;
using ScottPlot;

namespace Cortex.Cognition.Decision;

/// <summary>The task's figures: the psychometric curve (accuracy with its Weibull fit) and the chronometric curve (mean RT).</summary>
public static class DecisionPlots
{
    /// <summary>The psychometric figure's file name.</summary>
    public const string Psychometric = "psychometric.png";

    /// <summary>The chronometric figure's file name.</summary>
    public const string Chronometric = "chronometric.png";

    /// <summary>Writes both figures of <paramref name="table"/> into <paramref name="directory"/>.</summary>
    public static void Save(string directory, PsychometricTable table, int trials)
    {
        ArgumentNullException.ThrowIfNull(table);
        var levels = table.Levels;
        double[] percent = [.. levels.Select(l => l.Coherence * 100)];
        var series = new List<CurveSeries> { new($"network ({trials} trials)", percent, [.. levels.Select(l => l.Accuracy * 100)]) };
        if (double.IsFinite(table.Alpha))
        {
            // The fit on a fine grid, so that it shows as a smooth line without markers.
            var top = percent.Max();
            double[] grid = [.. Enumerable.Range(0, 101).Select(i => top * i / 100)];
            series.Add(new($"Weibull α = {table.Alpha * 100:0.0} %, β = {table.Beta:0.00}", grid,
                [.. grid.Select(c => WeibullFit.Probability(c / 100, table.Alpha, table.Beta) * 100)]));
        }
        LearningCurvePlot.Save(Path.Combine(directory, Psychometric),
            [new CurvePanel("correct (%)", "coherence (%)", series) { YMin = 40, YMax = 102, Legend = Alignment.LowerRight }],
            "decision (Wang 2002): psychometric curve", height: 450);

        var decided = levels.Where(l => double.IsFinite(l.MeanReactionMs)).ToList();
        if (decided.Count == 0) return;
        LearningCurvePlot.Save(Path.Combine(directory, Chronometric),
            [new CurvePanel("mean reaction time (ms)", "coherence (%)",
                [new CurveSeries("threshold crossings", [.. decided.Select(l => l.Coherence * 100)], [.. decided.Select(l => l.MeanReactionMs)])])],
            "decision (Wang 2002): chronometric curve", height: 450);
    }
}

using Cortex.Plots;

namespace Cortex.Cognition.Motor;

/// <summary>The hand paths of a centre-out episode (cm), one line per target, each from the centre to where the hand ended.</summary>
public static class ReachTrajectoryPlot
{
    /// <summary>Writes the paths in <paramref name="metrics"/> to <paramref name="pngPath"/>.</summary>
    public static void Save(string pngPath, ReachMetrics metrics, string title)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var series = new List<CurveSeries>();
        for (var k = 0; k < metrics.Paths.Count; k++)
        {
            // One point per 1 % of the path is plenty for a figure.
            var path = metrics.Paths[k];
            var stride = Math.Max(1, path.Count / 100);
            var points = path.Where((_, i) => i % stride == 0 || i == path.Count - 1).ToList();
            series.Add(new CurveSeries($"target {k}", [.. points.Select(p => p.X * 100)], [.. points.Select(p => p.Y * 100)]));
        }
        var all = series.SelectMany(s => s.Y).Concat(metrics.TargetPositions.Select(t => t.Y * 100)).ToList();
        LearningCurvePlot.Save(pngPath,
            [new CurvePanel("hand y (cm)", "hand x (cm)", [.. series]) { YMin = all.Min() - 1, YMax = all.Max() + 1 }],
            title, 800, 800);
    }
}

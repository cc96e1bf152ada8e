using Cortex.Plots;

namespace Cortex.Cognition.ActionSelection;

/// <summary>
/// The action-selection figure, three panels over time: the saliences, the GPi rate of each channel (with the tonic rate
/// and the selection threshold), and the selected action next to the most salient one (−1: none, or no clear winner).
/// </summary>
public static class ActionSelectionPlot
{
    /// <summary>Writes the traces in <paramref name="metrics"/> to <paramref name="pngPath"/>.</summary>
    public static void Save(string pngPath, ActionSelectionMetrics metrics, ActionSelectionSettings settings, string title)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(settings);
        double[] time = [.. metrics.Observations.Select(o => o.TimeMs + settings.BinMs)];
        var saliences = new List<CurveSeries>();
        var rates = new List<CurveSeries>();
        for (var k = 0; k < settings.Actions; k++)
        {
            var channel = k;
            saliences.Add(new CurveSeries($"action {k}", time, [.. metrics.Observations.Select(o => o.Saliences.Saliences[channel])]));
            rates.Add(new CurveSeries($"action {k}", time, [.. metrics.GpiRates.Select(r => r[channel])]));
        }
        rates.Add(new CurveSeries("tonic", [time[0], time[^1]], [metrics.TonicRate, metrics.TonicRate]));
        rates.Add(new CurveSeries("threshold", [time[0], time[^1]], [settings.Threshold * metrics.TonicRate, settings.Threshold * metrics.TonicRate]));
        var choice = new List<CurveSeries>
        {
            new("most salient", time, [.. metrics.Observations.Select(o => (double)(o.Winner ?? -1))]),
            new("selected", time, [.. metrics.Selected.Select(s => (double)s)]),
        };
        LearningCurvePlot.Save(pngPath,
        [
            new CurvePanel("salience (Hz)", null, saliences) { YMin = 0, YMax = 1.3 * settings.SalienceHigh },
            new CurvePanel("GPi rate (Hz)", null, rates) { YMin = 0 },
            new CurvePanel("action (−1: none)", "time (ms)", choice) { YMin = -1.5, YMax = settings.Actions - 0.5 },
        ], title, 1000, 900);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Cortex.Models;
using Cortex.Plots;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Host.Commands.Tasks;

/// <summary>
/// What <c>cortex task run</c> leaves in its output folder: metrics.json (the run, each episode, the summary with the
/// headline figure under <c>score</c>) and learning_curve.png, both replaced atomically (written beside, then renamed)
/// after every episode, so a run that fails or is killed keeps a complete, readable record of what it finished.
/// </summary>
internal sealed class TaskReport(string directory, TaskModel task, TaskRequest request, ParameterValues parameters, string backend, int episodesPlanned)
{
    public const string MetricsFile = "metrics.json";
    public const string CurveFile = "learning_curve.png";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Episodes whose curve the figure draws one by one; beyond this it draws their mean.</summary>
    private const int CurvesDrawnSeparately = 5;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly List<(EpisodeResult Result, double WallSeconds)> _episodes = [];

    /// <summary>The episodes so far.</summary>
    public IReadOnlyList<EpisodeResult> Episodes => [.. _episodes.Select(e => e.Result)];

    /// <summary>The task's summary of the episodes so far.</summary>
    public TaskSummary Summary => task.Summarize(Episodes);

    /// <summary>True once learning_curve.png has been written.</summary>
    public bool HasCurve { get; private set; }

    /// <summary>Adds a finished episode.</summary>
    public void Add(EpisodeResult result, double wallSeconds) => _episodes.Add((result, wallSeconds));

    /// <summary>Whether <see cref="Write"/> writes files: on MPI ranks only rank 0 does (every rank holds the same report).</summary>
    public bool Writes { get; init; } = true;

    /// <summary>Rewrites metrics.json and, when there are episodes, learning_curve.png.</summary>
    public void Write(double wallSeconds, string status, string? error = null)
    {
        if (!Writes) return;
        var episodes = new JsonArray();
        foreach (var (result, seconds) in _episodes)
        {
            var entry = new JsonObject
            {
                ["episode"] = result.Episode,
                ["score"] = Number(result.Score),
                ["return"] = Number(result.Return),
                ["steps"] = result.Steps,
                ["wall_seconds"] = seconds,
                ["metrics"] = Numbers(result.Metrics),
            };
            if (result.Curve is { } curve) entry["curve"] = new JsonArray([.. curve.Select(v => (JsonNode?)Number(v))]);
            episodes.Add(entry);
        }
        var summary = Summary;
        var summaryNode = new JsonObject { ["score"] = Number(summary.Score) };
        foreach (var (name, value) in summary.Metrics) summaryNode[name] = Number(value);
        var report = new JsonObject
        {
            ["task"] = task.Name,
            ["description"] = task.Description,
            ["score_description"] = task.ScoreDescription,
            ["command"] = request.CommandLine,
            ["seed"] = request.Seed,
            ["backend"] = backend,
            ["threads"] = request.Threads,
            ["parameters"] = ParametersJson(),
            ["status"] = status,
            ["error"] = error,
            ["episodes_planned"] = episodesPlanned,
            ["episodes_done"] = _episodes.Count,
            ["wall_seconds"] = wallSeconds,
            ["summary"] = summaryNode,
            ["episodes"] = episodes,
        };
        ReplaceAtomically(Path.Combine(directory, MetricsFile), path => File.WriteAllText(path, report.ToJsonString(JsonOptions)));
        if (_episodes.Count > 0)
        {
            ReplaceAtomically(Path.Combine(directory, CurveFile), path => LearningCurvePlot.Save(path, Panels(), Title(summary)));
            HasCurve = true;
        }
    }

    // Writes beside the target and renames over it: a reader (or a crash) never sees a half-written file.
    private static void ReplaceAtomically(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    // Dimensioned parameters as text with their unit ("50 ms"), dimensionless ones as numbers.
    private JsonObject ParametersJson()
    {
        var node = new JsonObject();
        foreach (var spec in task.Parameters)
        {
            var value = parameters[spec.Name];
            node[spec.Name] = spec.Dimension == Dimension.Dimensionless ? Number(value) : new Quantity(value, spec.Dimension).ToString();
        }
        return node;
    }

    private List<CurvePanel> Panels()
    {
        var panels = new List<CurvePanel>();
        var withCurve = _episodes.Select(e => e.Result).Where(r => r.Curve is { Count: > 0 } c && c.All(double.IsFinite)).ToList();
        if (withCurve.Count > 0)
        {
            List<CurveSeries> series = withCurve.Count <= CurvesDrawnSeparately
                ? [.. withCurve.Select(r => Series($"episode {r.Episode}", r.Curve!))]
                : [Series($"mean of {withCurve.Count} episodes", MeanCurve(withCurve))];
            panels.Add(FractionRange(new CurvePanel(task.CurveDescription, task.StepName, series) { Legend = ScottPlot.Alignment.LowerRight }));
        }
        var scores = _episodes.Where(e => double.IsFinite(e.Result.Score)).Select(e => e.Result).ToList();
        if (scores.Count > 0 || panels.Count == 0)
        {
            var mean = new List<double>();
            var sum = 0.0;
            foreach (var (r, i) in scores.Select((r, i) => (r, i))) mean.Add((sum += r.Score) / (i + 1));
            List<CurveSeries> series = [new("score", [.. scores.Select(r => (double)r.Episode)], [.. scores.Select(r => r.Score)])];
            if (scores.Count > 1) series.Add(new CurveSeries("running mean", [.. scores.Select(r => (double)r.Episode)], mean));
            panels.Add(FractionRange(new CurvePanel("score", "episode", series) { Legend = ScottPlot.Alignment.LowerRight }));
        }
        return panels;
    }

    // Fractions get the whole [0, 1] range, so a flat line at 1 reads as "always right" rather than as noise.
    private static CurvePanel FractionRange(CurvePanel panel) =>
        panel.Series.SelectMany(s => s.Y).All(v => v is >= 0 and <= 1) ? panel with { YMin = -0.02, YMax = 1.02 } : panel;

    private static CurveSeries Series(string label, IReadOnlyList<double> curve) =>
        new(label, [.. Enumerable.Range(1, curve.Count).Select(i => (double)i)], curve);

    private static double[] MeanCurve(List<EpisodeResult> results)
    {
        var length = results.Max(r => r.Curve!.Count);
        var mean = new double[length];
        for (var i = 0; i < length; i++)
        {
            var at = results.Where(r => i < r.Curve!.Count).Select(r => r.Curve![i]).ToList();
            mean[i] = at.Average();
        }
        return mean;
    }

    private string Title(TaskSummary summary) =>
        $"{task.Name}: score {summary.Score:0.###} (seed {request.Seed}, {_episodes.Count} episode{(_episodes.Count == 1 ? "" : "s")})";

    // JSON has no NaN or infinity: such a value is written as null.
    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static JsonObject Numbers(IReadOnlyDictionary<string, double> values)
    {
        var node = new JsonObject();
        foreach (var (name, value) in values) node[name] = Number(value);
        return node;
    }
}

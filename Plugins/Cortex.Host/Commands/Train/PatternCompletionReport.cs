using System.Text.Json.Nodes;
using Cortex.Learning.PatternCompletion;
using Cortex.Learning.Training;
using Cortex.Plots;

namespace Cortex.Host.Commands.Train;

/// <summary>What a pattern-completion run leaves in its output folder: metrics.json and learning_curve.png.</summary>
internal static class PatternCompletionReport
{
    public const string MetricsFile = "metrics.json";
    public const string CurveFile = "learning_curve.png";

    /// <summary>metrics.json: the command, seed, the held-out scores and training curve of each network, and the config.</summary>
    public static void WriteMetrics(string directory, PatternCompletionConfig config, string command, IReadOnlyList<PatternCompletionOutcome> outcomes, double wallSeconds)
    {
        var networks = new JsonObject();
        foreach (var outcome in outcomes)
        {
            networks[outcome.Label] = new JsonObject
            {
                ["parameters"] = outcome.Parameters,
                ["eta"] = outcome.Eta,
                ["wall_seconds"] = outcome.WallSeconds,
                ["evaluation"] = Score(outcome.Evaluation),
                ["curve"] = new JsonArray([.. outcome.Curve.Select(point =>
                {
                    var node = Score(point.Score);
                    node.Insert(0, "episodes", point.Episodes);
                    return (JsonNode)node;
                })]),
            };
        }
        var report = new JsonObject
        {
            ["name"] = config.Name,
            ["command"] = command,
            ["seed"] = config.Seed,
            ["episodes"] = config.Episodes,
            ["evaluation_episodes"] = config.EvaluationEpisodes,
            ["steps_per_episode"] = config.Task.Steps,
            ["wall_seconds"] = wallSeconds,
            ["networks"] = networks,
            ["config"] = JsonNode.Parse(config.Json),
        };
        File.WriteAllText(Path.Combine(directory, MetricsFile), report.ToJsonString(TrainingCheckpoint.JsonOptions));
    }

    /// <summary>
    /// learning_curve.png: the loss, the sign agreement over all bits and over the zeroed bits (what had to be
    /// recalled), one line per network in the same colour in every panel.
    /// </summary>
    public static void WriteCurve(string directory, PatternCompletionConfig config, IReadOnlyList<PatternCompletionOutcome> outcomes)
    {
        var loss = new CurvePanel("loss (MSE)", null, [.. outcomes.Select(o => Series(o, s => s.Loss))]) { YMin = 0, Legend = ScottPlot.Alignment.MiddleRight };
        var all = new CurvePanel("agreement, all bits (%)", null, [.. outcomes.Select(o => Series(o, s => s.Agreement * 100))])
        { YMin = 40, YMax = 100.5, Legend = ScottPlot.Alignment.MiddleRight };
        var zeroed = new CurvePanel("agreement, zeroed bits (%)", "episode", [.. outcomes.Select(o => Series(o, s => s.MissingAgreement * 100))])
        { YMin = 40, YMax = 100.5, Legend = ScottPlot.Alignment.MiddleRight };
        var plastic = outcomes[0].Evaluation;
        LearningCurvePlot.Save(Path.Combine(directory, CurveFile), [loss, all, zeroed],
            $"{config.Name}: {config.Task.Patterns} patterns of {config.Task.PatternSize} bits; plastic {plastic.Agreement:P1} held-out agreement", height: 900);
    }

    private static CurveSeries Series(PatternCompletionOutcome outcome, Func<CompletionScore, double> value) =>
        new(outcome.Label, [.. outcome.Curve.Select(p => (double)p.Episodes)], [.. outcome.Curve.Select(p => value(p.Score))]);

    private static JsonObject Score(CompletionScore score) => new()
    {
        ["loss"] = score.Loss,
        ["agreement"] = score.Agreement,
        ["missing_agreement"] = score.MissingAgreement,
    };
}

using System.Diagnostics;
using Cortex.Input;
using Cortex.Learning.PatternCompletion;
using Cortex.Learning.Plasticity;
using TorchSharp;

namespace Cortex.Host.Commands.Train;

/// <summary>
/// <c>cortex train</c> on a pattern-completion config (one with a <c>task</c> section): trains the plastic
/// recurrent network of Miconi, Clune &amp; Stanley (2018) and, unless <c>train.control</c> is false, the same
/// network without plasticity on the same episodes; prints both learning curves and their held-out
/// completion accuracy, and writes metrics.json and learning_curve.png.
/// </summary>
internal static class PatternCompletionRun
{
    // About this many lines per learning curve, each the mean over its window of optimiser steps.
    private const int CurvePoints = 20;

    /// <summary>True when <paramref name="configPath"/> holds a pattern-completion config rather than a classifier's.</summary>
    public static bool Handles(string configPath) =>
        InputFile.Exists(configPath, "training config", InputFile.TextCap) && PatternCompletionConfig.Describes(File.ReadAllText(configPath));

    /// <summary>Runs the config at <paramref name="request"/>'s path; returns the output folder.</summary>
    public static string Execute(TrainRequest request, CliConsole console, CancellationToken cancellationToken = default)
    {
        if (request.ResumePath is not null)
            throw new UsageException("--resume: a pattern-completion run keeps no checkpoints; run the config again (the same seed repeats the run)");
        if (request.Epochs is not null)
            throw new UsageException("--epochs: a pattern-completion run counts episodes; set train.episodes in the config");
        var wall = Stopwatch.StartNew();
        var config = PatternCompletionConfig.Load(request.ConfigPath);
        var directory = request.OutputDirectory ?? Path.Combine("out", "train", config.Name);
        Directory.CreateDirectory(directory);
        var task = config.Task;
        console.Out.WriteLine($"{config.Name}: {task.Patterns} patterns of {task.PatternSize} bits, {task.Steps} steps per episode "
            + $"({task.Cycles} cycles of {task.PresentationSteps} on + {task.GapSteps} off per pattern, then {task.TestSteps} with {task.MissingBits} bits zeroed), "
            + $"{config.Episodes} episodes in batches of {config.BatchSize}, adam lr {config.LearningRate}, eta {config.Model.Eta} ({(config.Model.Rule == HebbianRule.Oja ? "oja" : "decaying")} rule), "
            + $"seed {config.Seed}, {config.Threads ?? Environment.ProcessorCount} threads");

        var outcomes = new List<PatternCompletionOutcome>();
        try
        {
            outcomes.Add(Train(config, plastic: true, console, cancellationToken));
            if (config.Control) outcomes.Add(Train(config, plastic: false, console, cancellationToken));
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            // The comparison needs both networks' curves: the files are written once both are trained.
            throw StopRequest.Stopped(console, $"pattern-completion training was stopped while training the {(outcomes.Count == 0 ? "plastic network" : "non-plastic control")}; "
                + $"{PatternCompletionReport.MetricsFile} and {PatternCompletionReport.CurveFile} are written only at the end, so nothing was written to {directory} (the curve so far is printed above)", e);
        }

        var plastic = outcomes[0].Evaluation;
        var summary = $"held-out agreement: plastic {plastic.Agreement:P1} of all bits, {plastic.MissingAgreement:P1} of the zeroed bits";
        if (outcomes.Count > 1)
        {
            var control = outcomes[1].Evaluation;
            summary += $"; control {control.Agreement:P1} and {control.MissingAgreement:P1} (chance on the zeroed bits: 50%)";
        }
        console.Out.WriteLine(summary);
        PatternCompletionReport.WriteMetrics(directory, config, request.CommandLine, outcomes, wall.Elapsed.TotalSeconds);
        PatternCompletionReport.WriteCurve(directory, config, outcomes);
        console.Out.WriteLine($"wrote {Path.Combine(directory, PatternCompletionReport.MetricsFile)}, {PatternCompletionReport.CurveFile}");
        return directory;
    }

    private static PatternCompletionOutcome Train(PatternCompletionConfig config, bool plastic, CliConsole console, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var trainer = PatternCompletionTrainer.Create(config, plastic);
        var parameters = trainer.Network.parameters().Sum(p => p.numel());
        console.Out.WriteLine(plastic
            ? $"plastic network (w, alpha, eta learned; {parameters:N0} parameters):"
            : $"non-plastic control (alpha = 0; {parameters:N0} parameters):");
        console.Out.WriteLine($"  {"episodes",8}  {"loss",7}  {"agreement",9}  {"zeroed bits",11}");
        var stepsPerPoint = Math.Max(1, (int)Math.Ceiling(Math.Ceiling(config.Episodes / (double)config.BatchSize) / CurvePoints));
        var window = new List<PatternCompletionStep>();
        var curve = new List<PatternCompletionStep>();
        trainer.Run(new CallbackProgress<PatternCompletionStep>(step =>
        {
            window.Add(step);
            if (window.Count < stepsPerPoint && !trainer.Finished) return;
            var point = new PatternCompletionStep(step.Episodes, window.Sum(s => s.BatchEpisodes),
                CompletionScore.Mean([.. window.Select(s => s.Score)], [.. window.Select(s => s.BatchEpisodes)]));
            curve.Add(point);
            window.Clear();
            console.Out.WriteLine($"  {point.Episodes,8}  {point.Score.Loss,7:0.000}  {point.Score.Agreement,9:P1}  {point.Score.MissingAgreement,11:P1}");
        }), cancellationToken);
        var evaluation = trainer.Evaluate();
        double? eta = trainer.Network.Eta is { } learned ? learned.ToDouble() : null;
        console.Out.WriteLine($"  held-out ({config.EvaluationEpisodes} episodes): loss {evaluation.Loss:0.000}, agreement {evaluation.Agreement:P1}, zeroed bits {evaluation.MissingAgreement:P1}"
            + (eta is { } e ? $"; learned eta {e:0.0000}" : "") + $"; {clock.Elapsed.TotalSeconds:0.0} s");
        return new PatternCompletionOutcome(plastic, parameters, curve, evaluation, eta, clock.Elapsed.TotalSeconds);
    }
}

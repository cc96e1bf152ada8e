using Cortex.Learning.PatternCompletion;

namespace Cortex.Host.Commands.Train;

/// <summary>One trained network of a pattern-completion run, as the report and the summary need it.</summary>
/// <param name="Plastic">False for the non-plastic control.</param>
/// <param name="Parameters">Learned numbers (w, plus α and η when plastic).</param>
/// <param name="Curve">The training curve: mean batch scores over consecutive windows of optimiser steps.</param>
/// <param name="Evaluation">The score on the held-out episodes after training.</param>
/// <param name="Eta">The learned η, or null for the control.</param>
/// <param name="WallSeconds">Training and evaluation time.</param>
internal sealed record PatternCompletionOutcome(
    bool Plastic, long Parameters, IReadOnlyList<PatternCompletionStep> Curve, CompletionScore Evaluation, double? Eta, double WallSeconds)
{
    /// <summary>"plastic" or "control", the key in metrics.json and the legend.</summary>
    public string Label => Plastic ? "plastic" : "control";
}

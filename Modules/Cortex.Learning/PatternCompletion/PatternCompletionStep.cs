namespace Cortex.Learning.PatternCompletion;

/// <summary>One optimiser step of pattern-completion training: the episodes trained on so far and the score of its batch (before the step).</summary>
/// <param name="Episodes">Episodes trained on, this step's batch included.</param>
/// <param name="BatchEpisodes">Episodes in this step's batch.</param>
/// <param name="Score">The batch's score, measured on the forward pass the gradient came from.</param>
public sealed record PatternCompletionStep(long Episodes, int BatchEpisodes, CompletionScore Score);

namespace Cortex.Cognition.Decision;

/// <summary>One trial of the decision task.</summary>
/// <param name="Coherence">The unsigned coherence (fraction, 0.128 for 12.8 %).</param>
/// <param name="Correct">The pool the signed coherence favoured (0 = A, 1 = B); at zero coherence a coin flip.</param>
/// <param name="Choice">The pool chosen (0 = A, 1 = B).</param>
/// <param name="Decided">Whether a pool crossed the threshold before the stimulus ended (else the choice is the higher-rate pool at its end).</param>
/// <param name="ReactionMs">Threshold crossing time after stimulus onset (ms); the stimulus duration when undecided.</param>
/// <param name="EndRatesHz">The windowed population rates of A and B when the trial ended (Hz).</param>
public sealed record TrialOutcome(double Coherence, int Correct, int Choice, bool Decided, double ReactionMs, IReadOnlyList<double> EndRatesHz)
{
    /// <summary>Whether the choice matched the favoured pool.</summary>
    public bool IsCorrect => Choice == Correct;
}

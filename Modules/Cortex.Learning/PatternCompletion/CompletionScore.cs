using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.PatternCompletion;

/// <summary>How well a batch of test patterns was reconstructed at the last step.</summary>
/// <param name="Loss">Mean squared error of the output against the full patterns (the training loss).</param>
/// <param name="Agreement">The fraction of all bits whose output sign equals the pattern's (the paper's measure, as 1 − error rate).</param>
/// <param name="MissingAgreement">The same over the zeroed bits only: what had to be recalled (0.5 is chance; the shown bits are given).</param>
public sealed record CompletionScore(double Loss, double Agreement, double MissingAgreement)
{
    /// <summary>Scores <paramref name="output"/> [batch, size] (the last step's rates) against <paramref name="batch"/>.</summary>
    public static CompletionScore Measure(Tensor output, PatternEpisodeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        using var guard = no_grad();
        var target = batch.Targets.to(output.dtype);
        var loss = nn.functional.mse_loss(output, target).ToDouble();
        // sign(0) = 0 matches no ±1 bit: an undecided neuron counts as wrong.
        var agrees = output.sign().eq(target).to(float64);
        var missing = batch.Missing.to(float64);
        var agreement = agrees.mean().item<double>();
        var missingAgreement = (agrees * missing).sum().item<double>() / missing.sum().item<double>();
        return new CompletionScore(loss, agreement, missingAgreement);
    }

    /// <summary>The mean of several scores (each weighted by <paramref name="weights"/>, e.g. episodes per batch).</summary>
    public static CompletionScore Mean(IReadOnlyList<CompletionScore> scores, IReadOnlyList<int> weights)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(weights);
        if (scores.Count == 0 || scores.Count != weights.Count) throw new ArgumentException("need one weight per score and at least one score", nameof(weights));
        double total = weights.Sum();
        return new CompletionScore(
            scores.Select((s, i) => s.Loss * weights[i]).Sum() / total,
            scores.Select((s, i) => s.Agreement * weights[i]).Sum() / total,
            scores.Select((s, i) => s.MissingAgreement * weights[i]).Sum() / total);
    }
}

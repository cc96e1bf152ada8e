namespace Cortex.Cognition.Decision;

/// <summary>One coherence level's trials, summarised.</summary>
/// <param name="Coherence">Unsigned coherence (fraction).</param>
/// <param name="Trials">Trials run.</param>
/// <param name="Correct">Trials whose choice matched the favoured pool.</param>
/// <param name="ChoseA">Trials on which pool A was chosen (for the zero-coherence bias test).</param>
/// <param name="Decided">Trials that crossed the threshold.</param>
/// <param name="MeanReactionMs">Mean reaction time of the decided trials (ms); NaN when none decided.</param>
/// <param name="UndecidedEndRateHz">Mean windowed rate of both selective pools at the end of the undecided trials (Hz); NaN when all decided.</param>
public sealed record CoherenceSummary(double Coherence, int Trials, int Correct, int ChoseA, int Decided, double MeanReactionMs, double UndecidedEndRateHz)
{
    /// <summary>Fraction correct.</summary>
    public double Accuracy => Trials == 0 ? double.NaN : (double)Correct / Trials;
}

/// <summary>Trials grouped by coherence (ascending), with the Weibull fit of their accuracies.</summary>
public sealed class PsychometricTable
{
    /// <summary>Summaries of <paramref name="trials"/> per coherence level, ascending.</summary>
    public PsychometricTable(IEnumerable<TrialOutcome> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        Levels = [.. trials.GroupBy(t => t.Coherence).OrderBy(g => g.Key).Select(g =>
        {
            var decided = g.Where(t => t.Decided).ToList();
            return new CoherenceSummary(g.Key, g.Count(), g.Count(t => t.IsCorrect), g.Count(t => t.Choice == 0), decided.Count,
                decided.Count == 0 ? double.NaN : decided.Average(t => t.ReactionMs),
                decided.Count == g.Count() ? double.NaN : g.Where(t => !t.Decided).Average(t => t.EndRatesHz.Average()));
        })];
        if (Levels.Any(l => l.Coherence > 0))
            (Alpha, Beta) = WeibullFit.Fit([.. Levels.Select(l => l.Coherence)], [.. Levels.Select(l => l.Correct)], [.. Levels.Select(l => l.Trials)]);
    }

    /// <summary>The coherence levels, ascending.</summary>
    public IReadOnlyList<CoherenceSummary> Levels { get; }

    /// <summary>The Weibull threshold α (fraction); NaN without a positive coherence.</summary>
    public double Alpha { get; } = double.NaN;

    /// <summary>The Weibull slope β; NaN without a positive coherence.</summary>
    public double Beta { get; } = double.NaN;

    /// <summary>Fraction correct over the trials at positive coherence (zero-coherence trials have no right answer).</summary>
    public double Accuracy
    {
        get
        {
            var signal = Levels.Where(l => l.Coherence > 0).ToList();
            var trials = signal.Sum(l => l.Trials);
            return trials == 0 ? double.NaN : (double)signal.Sum(l => l.Correct) / trials;
        }
    }

    /// <summary>The metrics of the table by name: accuracy and mean RT per level (keys name the coherence in %), the fit, decided fraction.</summary>
    public Dictionary<string, double> Metrics()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["weibull_alpha_percent"] = Alpha * 100,
            ["weibull_beta"] = Beta,
            ["fraction_correct"] = Accuracy,
            ["decided_fraction"] = (double)Levels.Sum(l => l.Decided) / Math.Max(1, Levels.Sum(l => l.Trials)),
        };
        foreach (var level in Levels)
        {
            var key = (level.Coherence * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
            metrics[$"accuracy_c{key}"] = level.Accuracy;
            metrics[$"rt_ms_c{key}"] = level.MeanReactionMs;
            if (level.Coherence == 0) metrics["chose_a_fraction_c0"] = (double)level.ChoseA / level.Trials;
            if (level.Trials > level.Decided) metrics[$"undecided_end_rates_hz_c{key}"] = level.UndecidedEndRateHz;
        }
        return metrics;
    }
}

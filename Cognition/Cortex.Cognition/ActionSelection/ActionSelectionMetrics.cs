using Cortex.Tasks;

namespace Cortex.Cognition.ActionSelection;

/// <summary>
/// Scores an action-selection episode. Accuracy (the score): over the bins of phases with a clear winner, leaving out
/// the first <c>settle</c> ms of each phase (the switch itself, measured by the latency instead), the fraction in which
/// the selected action is the most salient one; chance is 1/actions. Also the same fraction over all clear bins, the
/// switching latency of every phase after the first with a clear winner (time from the salience change to the end of
/// the first bin that selects the new winner; the whole phase when none does) with their mean over the switches that
/// were followed, and how often something was selected while no action was clearly the most salient. The per-bin
/// traces are kept for the figure.
/// </summary>
public sealed class ActionSelectionMetrics(ActionSelectionSettings settings, BasalGangliaSelector selector) : IEpisodeMetrics<SalienceObservation, int>
{
    private readonly List<SalienceObservation> _observations = [];
    private readonly List<int> _selected = [];
    private readonly List<double[]> _rates = [];

    /// <summary>The observation of every bin so far.</summary>
    public IReadOnlyList<SalienceObservation> Observations => _observations;

    /// <summary>The selected action of every bin so far (−1 for none).</summary>
    public IReadOnlyList<int> Selected => _selected;

    /// <summary>GPi rate per channel (Hz) of every bin so far.</summary>
    public IReadOnlyList<double[]> GpiRates => _rates;

    /// <summary>The tonic GPi rate (Hz) of the episode.</summary>
    public double TonicRate => selector.TonicRate;

    /// <inheritdoc />
    public void Reset()
    {
        _observations.Clear();
        _selected.Clear();
        _rates.Clear();
    }

    /// <inheritdoc />
    public void Record(SalienceObservation observation, int action, StepResult<SalienceObservation> outcome)
    {
        _observations.Add(observation);
        _selected.Add(action);
        _rates.Add([.. selector.LastRates]);
    }

    /// <inheritdoc />
    public EpisodeScore Complete()
    {
        var (settled, settledCorrect, clear, clearCorrect, tie, tieSelected) = (0, 0, 0, 0, 0, 0);
        for (var b = 0; b < _observations.Count; b++)
        {
            var o = _observations[b];
            if (o.Winner is not { } winner)
            {
                tie++;
                if (_selected[b] >= 0) tieSelected++;
                continue;
            }
            clear++;
            if (_selected[b] == winner) clearCorrect++;
            if (o.TimeMs - o.Saliences.StartMs < settings.SettleMs) continue;
            settled++;
            if (_selected[b] == winner) settledCorrect++;
        }
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy_all_clear_bins"] = clear == 0 ? 0 : (double)clearCorrect / clear,
            ["selected_without_clear_winner"] = tie == 0 ? 0 : (double)tieSelected / tie,
            ["tonic_gpi_hz"] = TonicRate,
        };
        var latencies = Latencies();
        for (var i = 0; i < latencies.Count; i++) metrics[$"latency_ms_{latencies[i].Phase}"] = latencies[i].Ms;
        var followed = latencies.Where(l => l.Followed).ToList();
        metrics["switches"] = latencies.Count;
        metrics["switches_followed"] = followed.Count;
        metrics["latency_mean_ms"] = followed.Count == 0 ? settings.PhaseMs : followed.Average(l => l.Ms);
        return new EpisodeScore(settled == 0 ? 0 : (double)settledCorrect / settled, metrics);
    }

    // For each phase after the first with a clear winner: the time to the end of the first bin selecting it.
    private List<(int Phase, double Ms, bool Followed)> Latencies()
    {
        var result = new List<(int, double, bool)>();
        var byPhase = _observations.Select((o, b) => (o, b)).GroupBy(x => x.o.Phase);
        foreach (var phase in byPhase)
        {
            if (phase.Key == 0 || phase.First().o.Winner is not { } winner) continue;
            var start = phase.First().o.Saliences.StartMs;
            var hit = phase.FirstOrDefault(x => _selected[x.b] == winner);
            result.Add(hit.o.Saliences is null
                ? (phase.Key, settings.PhaseMs, false)
                : (phase.Key, hit.o.TimeMs + settings.BinMs - start, true));
        }
        return result;
    }
}

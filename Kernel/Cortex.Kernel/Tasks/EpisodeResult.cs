namespace Cortex.Tasks;

/// <summary>
/// The outcome of one episode: its score (the task's headline measure, e.g. the fraction of good choices), the reward
/// it collected, and any further named metrics.
/// </summary>
/// <param name="Episode">The episode number (1-based).</param>
/// <param name="Score">The episode's score, the figure runs are compared by.</param>
/// <param name="Return">The reward summed over the episode.</param>
/// <param name="Steps">Environment steps (trials, moves) the episode took.</param>
public sealed record EpisodeResult(int Episode, double Score, double Return, int Steps)
{
    /// <summary>Further metrics by name (e.g. "reward_rate"); plain numbers.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// How performance developed within the episode, one value per step (e.g. a moving fraction of good choices per
    /// trial), for the learning-curve plot; null when the task gives none.
    /// </summary>
    public IReadOnlyList<double>? Curve { get; init; }
}

/// <summary>A run's headline figure and further summary metrics, as written under <c>summary</c> in metrics.json.</summary>
/// <param name="Score">The headline figure (by default the mean episode score).</param>
/// <param name="Metrics">Further figures by name.</param>
public sealed record TaskSummary(double Score, IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>
    /// The mean score as the headline, with the mean return, the lowest and highest score, and the mean of every
    /// extra metric the episodes share; NaN score when there are no episodes.
    /// </summary>
    public static TaskSummary Mean(IReadOnlyList<EpisodeResult> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["episodes"] = episodes.Count };
        if (episodes.Count == 0) return new TaskSummary(double.NaN, metrics);
        metrics["return"] = episodes.Average(e => e.Return);
        metrics["score_min"] = episodes.Min(e => e.Score);
        metrics["score_max"] = episodes.Max(e => e.Score);
        foreach (var name in episodes[0].Metrics.Keys)
            if (episodes.All(e => e.Metrics.ContainsKey(name)))
                metrics[name] = episodes.Average(e => e.Metrics[name]);
        return new TaskSummary(episodes.Average(e => e.Score), metrics);
    }
}

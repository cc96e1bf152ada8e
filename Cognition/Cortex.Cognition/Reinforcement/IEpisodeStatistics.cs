namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// An environment that measures its episodes in its own terms besides the return (pipes passed, optimal arms chosen,
/// goal reached), read after an episode ends. The run averages each figure over training, evaluation and the random
/// baseline, so every headline has its own baseline.
/// </summary>
public interface IEpisodeStatistics
{
    /// <summary>The figures of the episode that just ended (or of the one in progress), by name.</summary>
    IReadOnlyDictionary<string, double> EpisodeStatistics { get; }
}

namespace Cortex.Tasks;

/// <summary>
/// One run of a task: its episodes run in order (1, 2, …), each giving an <see cref="EpisodeResult"/>. The caller
/// records each result as it arrives, so a run that fails part-way keeps the episodes before the failure.
/// </summary>
public interface ITaskRun : IDisposable
{
    /// <summary>Runs episode <paramref name="episode"/> (1-based) to its end.</summary>
    EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default);
}

namespace Cortex.Tasks;

/// <summary>
/// The learner of a task, typically a spiking network on a <c>ClosedLoopSession</c>: it turns an observation into an
/// action (by running the network and reading its spikes) and learns from the reward that follows (e.g. as dopamine
/// for a reward-modulated plasticity rule). It never sees the environment's internals.
/// </summary>
/// <typeparam name="TObservation">What the environment shows.</typeparam>
/// <typeparam name="TAction">What the agent answers.</typeparam>
public interface IAgent<TObservation, TAction> : IDisposable
{
    /// <summary>Starts an episode from scratch (e.g. a fresh network) with its random draws from <paramref name="seed"/>.</summary>
    void Reset(ulong seed);

    /// <summary>The action for <paramref name="observation"/>.</summary>
    TAction Act(TObservation observation);

    /// <summary>The reward for the last action.</summary>
    void Learn(double reward);
}

/// <summary>
/// Scores an episode from what happened in it. Separate from the environment and the agent so one task can be scored
/// several ways and a score never feeds back into learning.
/// </summary>
/// <typeparam name="TObservation">What the environment shows.</typeparam>
/// <typeparam name="TAction">What the agent answers.</typeparam>
public interface IEpisodeMetrics<TObservation, TAction>
{
    /// <summary>Forgets the previous episode.</summary>
    void Reset();

    /// <summary>One step: the observation the agent saw, its action, and the outcome.</summary>
    void Record(TObservation observation, TAction action, StepResult<TObservation> outcome);

    /// <summary>The episode's score, further metrics and (optionally) its within-episode curve.</summary>
    EpisodeScore Complete();
}

/// <summary>What <see cref="IEpisodeMetrics{TObservation, TAction}"/> makes of an episode.</summary>
/// <param name="Score">The headline figure.</param>
/// <param name="Metrics">Further metrics by name.</param>
/// <param name="Curve">Per-step development within the episode (see <see cref="EpisodeResult.Curve"/>), or null.</param>
public sealed record EpisodeScore(double Score, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<double>? Curve = null);

namespace Cortex.Tasks;

/// <summary>
/// The world of a task: it knows the rules and the rewards, nothing about the agent. An episode starts with
/// <see cref="Reset"/> and runs <see cref="Step"/> until the result says it is done.
/// </summary>
/// <typeparam name="TObservation">What the agent is shown (a cue, a stimulus, a state vector).</typeparam>
/// <typeparam name="TAction">What the agent can do (an arm, a direction, a force).</typeparam>
public interface IEnvironment<TObservation, TAction>
{
    /// <summary>Starts an episode drawn from <paramref name="seed"/> and returns the first observation.</summary>
    TObservation Reset(ulong seed);

    /// <summary>Applies <paramref name="action"/>: the next observation, the reward it earned, and whether the episode ended.</summary>
    StepResult<TObservation> Step(TAction action);

    /// <summary>Steps an episode takes when fixed in advance (a bandit's trials), for progress bars; null when it is not.</summary>
    int? EpisodeLength => null;
}

/// <summary>What one environment step gives back.</summary>
/// <param name="Observation">The observation after the step.</param>
/// <param name="Reward">The reward for the action.</param>
/// <param name="Done">True when the episode has ended.</param>
public readonly record struct StepResult<TObservation>(TObservation Observation, double Reward, bool Done)
{
    /// <summary>
    /// True when the episode ended only because it hit a time limit (CartPole's 500 steps), not because the world reached
    /// a final state; a learner should still value the state it was cut off in.
    /// </summary>
    public bool Truncated { get; init; }
}

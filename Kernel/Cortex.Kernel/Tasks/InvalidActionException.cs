namespace Cortex.Tasks;

/// <summary>
/// An environment was given an action it does not have (an arm that does not exist, a NaN torque). The message names the
/// task, the step and the value, because such an action is always a bug in the agent and the step finds it fastest.
/// </summary>
/// <param name="task">The environment's name (e.g. "cartpole").</param>
/// <param name="step">The step within the episode (0-based) at which the action was given.</param>
/// <param name="value">The action as given, as text.</param>
/// <param name="allowed">What the environment accepts, e.g. "0 (push left) or 1 (push right)".</param>
public sealed class InvalidActionException(string task, int step, string value, string allowed)
    : ArgumentException($"{task}: invalid action {value} at step {step}; expected {allowed}")
{
    /// <summary>The environment's name.</summary>
    public string Task { get; } = task;

    /// <summary>The step (0-based) at which the action was given.</summary>
    public int Step { get; } = step;

    /// <summary>The action as given.</summary>
    public string Value { get; } = value;
}

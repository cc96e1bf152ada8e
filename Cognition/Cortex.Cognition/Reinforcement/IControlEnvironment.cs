using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// A reinforcement-learning world in the Gym mould: a vector observation, a small set of discrete actions, a reward per
/// step, and episodes that end in a terminal state or at a time limit (<see cref="StepResult{T}.Truncated"/>). Agents
/// see only this surface, so any agent plays any environment.
/// </summary>
public interface IControlEnvironment : IEnvironment<double[], int>
{
    /// <summary>The name the command line uses (e.g. "cartpole"); invalid-action errors name it.</summary>
    string Name { get; }

    /// <summary>Numbers in each observation.</summary>
    int ObservationSize { get; }

    /// <summary>Actions are 0 … <see cref="ActionCount"/> − 1.</summary>
    int ActionCount { get; }

    /// <summary>
    /// The range each observation component usually spans, for encoders that tile it with receptive fields; values
    /// outside it can occur (velocities are unbounded) and encoders clamp them.
    /// </summary>
    IReadOnlyList<(double Low, double High)> ObservationRange { get; }

    /// <summary>The longest an episode can be (its time limit).</summary>
    int MaxSteps { get; }
}

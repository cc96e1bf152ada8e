namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// An agent that runs a network in simulated time, so the run can report its real-time factor (simulated seconds per
/// wall-clock second) beside the episodes per second.
/// </summary>
public interface ISimulatedClock
{
    /// <summary>Simulated time the agent's network has run so far (ms).</summary>
    double SimulatedMs { get; }
}

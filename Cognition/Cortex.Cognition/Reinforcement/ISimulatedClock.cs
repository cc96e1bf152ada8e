namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// An agent that runs a network in simulated time, so the run can report its real-time factor (wall-clock
/// seconds per simulated second, as NEST and GeNN report it) beside the episodes per second.
/// </summary>
public interface ISimulatedClock
{
    /// <summary>Simulated time the agent's network has run so far (ms).</summary>
    double SimulatedMs { get; }
}

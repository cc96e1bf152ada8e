using Cortex.Models;

namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// An agent factory with cross-parameter rules of its own (a whole-number size, a range whose ends must be ordered); the
/// task runs them for the chosen agent with its other checks, so a bad setting is one <c>error:</c> line naming the key.
/// </summary>
public interface ICheckedAgentFactory : IReinforcementAgentFactory
{
    /// <summary>The problems with this agent's parameters in <paramref name="values"/>; empty when valid.</summary>
    IEnumerable<ParameterProblem> Check(ParameterValues values);
}

using Cortex.Cognition.Reinforcement.ActorCritic;

namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// The agents every reinforcement-learning task offers under <c>--agent</c>, in the order of its choices (the first is
/// the default). Another agent joins all five tasks with one line here.
/// </summary>
public static class ReinforcementAgents
{
    /// <summary>The built-in agents.</summary>
    public static IReadOnlyList<IReinforcementAgentFactory> All { get; } =
    [
        new RewardStdpActorCriticFactory(),
        SurrogateGradient.SurrogateGradientAgentFactory.Instance,
    ];
}

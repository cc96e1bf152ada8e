namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// A learner that plays <see cref="IControlEnvironment"/>s and keeps what it learned across episodes (unlike the
/// bandit's <c>IAgent</c>, which starts every episode afresh). The run calls <see cref="Act"/> → environment step →
/// <see cref="Observe"/> until the episode ends, then <see cref="EndEpisode"/>; in evaluation it calls only
/// <see cref="Act"/>, with <c>explore: false</c> (or true when the task's <c>eval_policy</c> is stochastic), and never
/// lets the agent learn.
/// </summary>
public interface IReinforcementAgent : IDisposable
{
    /// <summary>The action for <paramref name="observation"/>; with <paramref name="explore"/> false, the agent's best (greedy) action.</summary>
    int Act(double[] observation, bool explore);

    /// <summary>
    /// The outcome of the last action while training: its reward, the observation that followed, and whether that is a
    /// terminal state (no future reward). A time-limit end is not terminal: the agent should still value the state.
    /// </summary>
    void Observe(double reward, double[] next, bool terminal);

    /// <summary>The training episode is over (after its last <see cref="Observe"/>): a point for episodic updates.</summary>
    void EndEpisode();
}

/// <summary>
/// Makes an agent by name (<c>--agent rstdp|sg</c>) for an environment. Its parameters join the task's, so each agent's
/// parameter names carry its name as a prefix (<c>rstdp_eta</c>, <c>sg_hidden</c>) to keep them apart.
/// </summary>
public interface IReinforcementAgentFactory
{
    /// <summary>The name <c>--agent</c> takes.</summary>
    string Name { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>The agent's parameters with defaults and rules (prefixed by <see cref="Name"/>).</summary>
    IReadOnlyList<Cortex.Models.ParameterSpec> Parameters { get; }

    /// <summary>
    /// Makes an agent for <paramref name="environment"/> with the task's resolved <paramref name="parameters"/> (which
    /// include this agent's); all its random draws come from <paramref name="seed"/>. It may open closed-loop sessions
    /// through <paramref name="context"/>.
    /// </summary>
    IReinforcementAgent Create(IControlEnvironment environment, Cortex.Tasks.TaskContext context, Cortex.Models.ParameterValues parameters, ulong seed);
}

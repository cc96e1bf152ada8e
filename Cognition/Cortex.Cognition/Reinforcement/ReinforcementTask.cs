using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// The common shape of the reinforcement-learning tasks: an environment made from the task's own parameters, an agent
/// chosen by name (<c>--agent</c>, one of the injected factories, whose prefixed parameters join the task's), and a
/// <see cref="ReinforcementRun"/> that trains over the episodes and evaluates (greedily unless <c>eval_policy</c> says
/// otherwise) after the last one. An episode's
/// score is its return; the run's <c>score</c> is the evaluation's mean return (the training mean before there is one).
/// </summary>
public abstract class ReinforcementTask : TaskModel
{
    private readonly Lazy<IReadOnlyList<ParameterSpec>> _parameters;

    /// <summary>A task offering <paramref name="agents"/> (at least one; the first is the default).</summary>
    protected ReinforcementTask(IReadOnlyList<IReinforcementAgentFactory> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (agents.Count == 0) throw new ArgumentException("a reinforcement-learning task needs at least one agent", nameof(agents));
        Agents = agents;
        _parameters = new(() => BuildParameters());
    }

    /// <summary>The agents <c>--agent</c> chooses from.</summary>
    public IReadOnlyList<IReinforcementAgentFactory> Agents { get; }

    /// <summary>The environment's parameters (episode length, sizes).</summary>
    protected abstract IReadOnlyList<ParameterSpec> EnvironmentParameters { get; }

    /// <summary>Defaults of agent parameters that suit this task better than the agent's own (a discount, a value range), by name.</summary>
    protected virtual IReadOnlyDictionary<string, double> AgentDefaults { get; } = new Dictionary<string, double>();

    /// <summary>Greedy evaluation episodes after the last training episode, unless set.</summary>
    protected virtual int DefaultEvalEpisodes => 100;

    /// <summary>Makes the environment from resolved parameters; <paramref name="problemSeed"/> fixes anything drawn once per run (a bandit's arms).</summary>
    public abstract IControlEnvironment CreateEnvironment(ParameterValues values, ulong problemSeed);

    /// <summary>Cross-parameter checks of the environment's parameters.</summary>
    protected virtual IEnumerable<ParameterProblem> CheckEnvironment(ParameterValues values) => [];

    /// <inheritdoc />
    public override string ScoreDescription => "return per training episode; summary score: mean return of the evaluation (learning off) after the last episode";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters => _parameters.Value;

    /// <summary>The factory <paramref name="values"/> chooses.</summary>
    public IReinforcementAgentFactory Agent(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Agents[(int)values["agent"]];
    }

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var agent = values["agent"];
        if (agent != Math.Floor(agent) || agent >= Agents.Count)
            yield return new("agent", $"expected one of {string.Join(", ", Agents.Select(a => a.Name))}, got {agent}");
        foreach (var problem in ParameterProblem.WholeNumbers(values, "eval_episodes")) yield return problem;
        if (values["eval_policy"] is not (0 or 1)) yield return new("eval_policy", $"expected one of greedy, stochastic, got {values["eval_policy"]}");
        foreach (var problem in CheckEnvironment(values)) yield return problem;
        if (agent == Math.Floor(agent) && agent < Agents.Count && Agents[(int)agent] is ICheckedAgentFactory checkedAgent)
            foreach (var problem in checkedAgent.Check(values)) yield return problem;
    }

    /// <inheritdoc />
    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Parameters;
        var environment = CreateEnvironment(values, context.DeriveSeed(0, 5));
        var agent = Agent(values).Create(environment, context, values, context.DeriveSeed(0, 1));
        return new ReinforcementRun(context, environment, agent, (int)values["eval_episodes"], values["eval_policy"] == 1);
    }

    /// <summary>
    /// The training means (return, steps, the environment's statistics) with the evaluation's figures, which only the
    /// last episode has, added as they are; <c>score</c> is the evaluation mean return when there is one.
    /// </summary>
    public override TaskSummary Summarize(IReadOnlyList<EpisodeResult> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var mean = TaskSummary.Mean(episodes);
        if (episodes.Count == 0) return mean;
        var metrics = new Dictionary<string, double>(mean.Metrics, StringComparer.Ordinal)
        {
            ["steps"] = episodes.Average(e => e.Steps),
            ["return_last_10"] = episodes.TakeLast(10).Average(e => e.Return),
        };
        foreach (var (name, value) in episodes[^1].Metrics) metrics.TryAdd(name, value);
        var score = episodes[^1].Metrics.TryGetValue("eval_return", out var evaluation) ? evaluation : mean.Metrics["return"];
        return new TaskSummary(score, metrics);
    }

    private List<ParameterSpec> BuildParameters()
    {
        var parameters = new List<ParameterSpec>(EnvironmentParameters)
        {
            new("agent", Dimension.Dimensionless, 0, ValueRule.NonNegative, $"the learner: {string.Join(", ", Agents.Select(a => $"{a.Name} ({a.Description})"))}")
            {
                Choices = [.. Agents.Select(a => a.Name)],
            },
            new("eval_episodes", Dimension.Dimensionless, DefaultEvalEpisodes, ValueRule.NonNegative, "evaluation episodes (learning off) after the last training episode, also played by a random policy for the baseline"),
            new("eval_policy", Dimension.Dimensionless, 0, ValueRule.NonNegative, "greedy: the agent's best action; stochastic: its exploring policy, still without learning")
            {
                Choices = ["greedy", "stochastic"],
            },
        };
        foreach (var agent in Agents)
            foreach (var spec in agent.Parameters)
                parameters.Add(AgentDefaults.TryGetValue(spec.Name, out var value) ? spec with { Default = value } : spec);
        return parameters;
    }
}

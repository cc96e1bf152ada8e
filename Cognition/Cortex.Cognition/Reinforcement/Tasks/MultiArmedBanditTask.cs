using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.Tasks;

/// <summary>
/// The k-armed bandit (<see cref="MultiArmedBandit"/>): arms fixed for the run, one episode = <c>pulls</c> pulls. The
/// figure to watch is <c>eval_optimal_choices</c>, the greedy policy's fraction of pulls on the best arm.
/// </summary>
public sealed class MultiArmedBanditTask(IReadOnlyList<IReinforcementAgentFactory> agents) : ReinforcementTask(agents)
{
    /// <inheritdoc />
    public override string Name => "multi_armed_bandit";

    /// <inheritdoc />
    public override string Description => "k-armed bandit (Bernoulli or Gaussian arms drawn from the seed, fixed for the run); one episode = a number of pulls";

    /// <inheritdoc />
    public override int DefaultEpisodes => 2;

    /// <inheritdoc />
    protected override int DefaultEvalEpisodes => 2;

    /// <inheritdoc />
    protected override IReadOnlyList<ParameterSpec> EnvironmentParameters { get; } =
    [
        new("arms", Dimension.Dimensionless, 10, ValueRule.Positive, "number of arms (a whole number >= 2)"),
        new("pulls", Dimension.Dimensionless, 200, ValueRule.Positive, "pulls per episode"),
        new("rewards", Dimension.Dimensionless, 0, ValueRule.NonNegative, "bernoulli: pay 1 with a probability drawn U(0,1); gaussian: N(mean, 1) with means drawn N(0,1)")
        {
            Choices = ["bernoulli", "gaussian"],
        },
    ];

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> AgentDefaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["rstdp_gamma"] = 0, ["rstdp_value_min"] = 0, ["rstdp_value_max"] = 1,
    };

    /// <inheritdoc />
    protected override IEnumerable<ParameterProblem> CheckEnvironment(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var problem in ParameterProblem.WholeNumbers(values, "arms", "pulls")) yield return problem;
        if (values["arms"] < 2) yield return new("arms", $"must be >= 2, got {values["arms"]}");
        if (values["rewards"] is not (0 or 1)) yield return new("rewards", $"expected one of bernoulli, gaussian, got {values["rewards"]}");
    }

    /// <inheritdoc />
    public override IControlEnvironment CreateEnvironment(ParameterValues values, ulong problemSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MultiArmedBandit((int)values["arms"], (int)values["pulls"], (ArmRewards)(int)values["rewards"], problemSeed);
    }
}

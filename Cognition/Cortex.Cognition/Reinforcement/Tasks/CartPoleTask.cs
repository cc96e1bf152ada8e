using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.Tasks;

/// <summary>CartPole-v1 (<see cref="CartPole"/>): keep the pole up for up to 500 steps; return = steps survived.</summary>
public sealed class CartPoleTask(IReadOnlyList<IReinforcementAgentFactory> agents) : ReinforcementTask(agents)
{
    /// <inheritdoc />
    public override string Name => "cartpole";

    /// <inheritdoc />
    public override string Description => "CartPole-v1 (Gym constants): balance a pole on a cart by pushing left or right; reward 1 per step up to 500";

    /// <inheritdoc />
    public override int DefaultEpisodes => 10;

    /// <inheritdoc />
    protected override IReadOnlyList<ParameterSpec> EnvironmentParameters { get; } =
    [
        new("max_steps", Dimension.Dimensionless, 500, ValueRule.Positive, "time limit of an episode (steps of 20 ms); Gym's v1 has 500"),
    ];

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> AgentDefaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["rstdp_gamma"] = 0.95, ["rstdp_value_min"] = 0, ["rstdp_value_max"] = 20, ["rstdp_cells"] = 1, ["rstdp_tiles"] = 6,
    };

    /// <inheritdoc />
    protected override IEnumerable<ParameterProblem> CheckEnvironment(ParameterValues values) => ParameterProblem.WholeNumbers(values, "max_steps");

    /// <inheritdoc />
    public override IControlEnvironment CreateEnvironment(ParameterValues values, ulong problemSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new CartPole((int)values["max_steps"]);
    }
}

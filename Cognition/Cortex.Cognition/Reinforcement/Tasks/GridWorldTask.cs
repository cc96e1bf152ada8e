using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.Tasks;

/// <summary>The grid world (<see cref="GridWorld"/>): walk from the top-left corner to the goal in the bottom-right one.</summary>
public sealed class GridWorldTask(IReadOnlyList<IReinforcementAgentFactory> agents) : ReinforcementTask(agents)
{
    /// <inheritdoc />
    public override string Name => "grid_world";

    /// <inheritdoc />
    public override string Description => "grid world: walk from the top-left corner to the goal in the bottom-right; -0.01 per step, +1 at the goal";

    /// <inheritdoc />
    public override int DefaultEpisodes => 30;

    /// <inheritdoc />
    protected override int DefaultEvalEpisodes => 10;

    /// <inheritdoc />
    protected override IReadOnlyList<ParameterSpec> EnvironmentParameters { get; } =
    [
        new("rows", Dimension.Dimensionless, 5, ValueRule.Positive, "rows of the grid (>= 2)"),
        new("cols", Dimension.Dimensionless, 5, ValueRule.Positive, "columns of the grid (>= 2; >= 3 with walls)"),
        new("walls", Dimension.Dimensionless, 0, ValueRule.NonNegative, "off, or on: a wall down the middle column, open at the bottom")
        {
            Choices = ["off", "on"],
        },
        new("max_steps", Dimension.Dimensionless, 50, ValueRule.Positive, "time limit of an episode (moves)"),
    ];

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> AgentDefaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["rstdp_gamma"] = 0.9, ["rstdp_value_min"] = -0.2, ["rstdp_value_max"] = 1, ["rstdp_tiles"] = 5,
    };

    /// <inheritdoc />
    protected override IEnumerable<ParameterProblem> CheckEnvironment(ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var problem in ParameterProblem.WholeNumbers(values, "rows", "cols", "max_steps")) yield return problem;
        if (values["rows"] < 2) yield return new("rows", $"must be >= 2, got {values["rows"]}");
        if (values["cols"] < 2) yield return new("cols", $"must be >= 2, got {values["cols"]}");
        if (values["walls"] is not (0 or 1)) yield return new("walls", $"expected one of off, on, got {values["walls"]}");
        else if (values["walls"] == 1 && values["cols"] < 3) yield return new("cols", $"must be >= 3 with walls on, got {values["cols"]}");
    }

    /// <inheritdoc />
    public override IControlEnvironment CreateEnvironment(ParameterValues values, ulong problemSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new GridWorld((int)values["rows"], (int)values["cols"], values["walls"] == 1, (int)values["max_steps"]);
    }
}

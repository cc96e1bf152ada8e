using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.Tasks;

/// <summary>MountainCar-v0 (<see cref="MountainCar"/>): rock the car up to the flag; −1 per step, at most 200 steps.</summary>
public sealed class MountainCarTask(IReadOnlyList<IReinforcementAgentFactory> agents) : ReinforcementTask(agents)
{
    /// <inheritdoc />
    public override string Name => "mountain_car";

    /// <inheritdoc />
    public override string Description => "MountainCar-v0 (Gym constants): drive an under-powered car up a hill; reward -1 per step, 200-step limit";

    /// <inheritdoc />
    public override int DefaultEpisodes => 5;

    /// <inheritdoc />
    protected override int DefaultEvalEpisodes => 20;

    /// <inheritdoc />
    protected override IReadOnlyList<ParameterSpec> EnvironmentParameters { get; } =
    [
        new("max_steps", Dimension.Dimensionless, 200, ValueRule.Positive, "time limit of an episode (steps); Gym's v0 has 200"),
    ];

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> AgentDefaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["rstdp_gamma"] = 0.95, ["rstdp_value_min"] = -20, ["rstdp_value_max"] = 0, ["rstdp_cells"] = 1,
    };

    /// <inheritdoc />
    protected override IEnumerable<ParameterProblem> CheckEnvironment(ParameterValues values) => ParameterProblem.WholeNumbers(values, "max_steps");

    /// <inheritdoc />
    public override IControlEnvironment CreateEnvironment(ParameterValues values, ulong problemSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MountainCar((int)values["max_steps"]);
    }
}

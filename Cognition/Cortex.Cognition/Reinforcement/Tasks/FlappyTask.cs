using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Cognition.Reinforcement.Tasks;

/// <summary>
/// The pipe game (<see cref="FlappyBird"/>) after BrainCog's BDM-SNN: flap through the gaps. The game's own score, pipes
/// passed, is reported as <c>pipes</c> (training), <c>eval_pipes</c> and <c>random_pipes</c>.
/// </summary>
public sealed class FlappyTask(IReadOnlyList<IReinforcementAgentFactory> agents) : ReinforcementTask(agents)
{
    /// <inheritdoc />
    public override string Name => "flappy";

    /// <inheritdoc />
    public override string Description => "Flappy-Bird-like pipe game after BrainCog's BDM-SNN: flap or glide every 2 frames; score = pipes passed";

    /// <inheritdoc />
    public override int DefaultEpisodes => 10;

    /// <inheritdoc />
    protected override int DefaultEvalEpisodes => 20;

    /// <inheritdoc />
    protected override IReadOnlyList<ParameterSpec> EnvironmentParameters { get; } =
    [
        new("max_steps", Dimension.Dimensionless, 1000, ValueRule.Positive, "time limit of an episode (decisions, 2 frames each)"),
    ];

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> AgentDefaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["rstdp_gamma"] = 0.9, ["rstdp_value_min"] = -1, ["rstdp_value_max"] = 1, ["rstdp_cells"] = 1,
    };

    /// <inheritdoc />
    protected override IEnumerable<ParameterProblem> CheckEnvironment(ParameterValues values) => ParameterProblem.WholeNumbers(values, "max_steps");

    /// <inheritdoc />
    public override IControlEnvironment CreateEnvironment(ParameterValues values, ulong problemSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new FlappyBird((int)values["max_steps"]);
    }
}

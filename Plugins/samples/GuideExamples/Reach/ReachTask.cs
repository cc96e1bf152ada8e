using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace GuideExamples.Reach;

/// <summary>
/// A one-dimensional reach, the smallest closed loop: what the agent does changes what it sees next. A spiking controller
/// (<see cref="ReachAgent"/>) steers a hand along a line (<see cref="ReachLine"/>) to a target; an episode's score is the
/// shortest path over the moves taken (<see cref="ReachMetrics"/>). Run it with <c>cortex task run guide_reach</c>.
/// </summary>
public sealed class ReachTask : TaskModel
{
    public override string Name => "guide_reach";
    public override string Description => "steer a hand along a line to a target with a two-population spiking controller (guide example)";
    public override string ScoreDescription => "shortest path / moves taken (1: straight to the target, 0: not reached)";
    public override int DefaultEpisodes => 5;
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("max_distance", Dimension.Dimensionless, 5, ValueRule.Positive, "largest starting distance to the target (whole number)"),
        new("max_moves", Dimension.Dimensionless, 20, ValueRule.Positive, "moves before an episode gives up (whole number)"),
        new("gain", Dimension.Current, 0.5, ValueRule.NonNegative, "current injected per unit of distance into the side towards the target"),
        new("window", Dimension.Time, 30, ValueRule.Positive, "network time per move"),
        new("dt", Dimension.Time, 0.1, ValueRule.Positive, "simulation time step"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        foreach (var name in (string[])["max_distance", "max_moves"])
            if (p[name] != Math.Floor(p[name])) yield return new(name, $"must be a whole number, got {p[name]}");
    }

    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var line = new ReachLine((int)context.Parameters["max_distance"], (int)context.Parameters["max_moves"]);
        return new EpisodicTaskRun<int, int>(context, line, new ReachAgent(context), new ReachMetrics(line));
    }
}

using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.Motor;

/// <summary>
/// Centre-out reaching with a two-link arm (<see cref="TwoLinkArm"/>, Li &amp; Todorov 2004) driven by a spiking NEF
/// controller (<see cref="SpikingReachController"/>). One episode reaches to all targets in turn; the score is the mean
/// final error (cm, lower is better). With an output folder it writes <c>reach_trajectories.png</c>.
/// </summary>
public sealed class ReachTask : TaskModel
{
    /// <summary>The trajectory figure's file name.</summary>
    public const string TrajectoryFile = "reach_trajectories.png";

    /// <inheritdoc />
    public override string Name => "reach";

    /// <inheritdoc />
    /// <remarks>The controller talks to its network only through the closed-loop session, so it runs on MPI ranks.</remarks>
    public override string? WhyNotDistributed => null;

    /// <inheritdoc />
    public override string Description => "centre-out reaching to 8 targets with a two-link arm driven by a spiking NEF controller (LIF populations with cosine tuning)";

    /// <inheritdoc />
    public override string ScoreDescription => "mean final hand-to-target distance over the targets, cm (lower is better)";

    /// <inheritdoc />
    public override string StepName => "step";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("targets", Dimension.Dimensionless, 8, ValueRule.Positive, "targets, evenly spaced on a circle around the start position (a whole number)"),
        new("radius_cm", Dimension.Dimensionless, 10, ValueRule.Positive, "distance of the targets from the start position, cm"),
        new("reach", Dimension.Time, 1000, ValueRule.Positive, "simulated time per reach"),
        new("dt", Dimension.Time, 0.1, ValueRule.Positive, "step of the network and of the arm (RK4)"),
        new("start_shoulder_deg", Dimension.Dimensionless, 45, ValueRule.Any, "shoulder angle of the start posture, degrees from the x axis"),
        new("start_elbow_deg", Dimension.Dimensionless, 90, ValueRule.Any, "elbow angle of the start posture, degrees (between 10 and 170: away from the straight-arm singularity)"),
        new("neurons", Dimension.Dimensionless, 200, ValueRule.Positive, "LIF neurons in each of the two ensembles (hand error, joint velocities)"),
        new("rate_min", Dimension.Frequency, 100, ValueRule.Positive, "lowest maximum firing rate drawn for a neuron"),
        new("rate_max", Dimension.Frequency, 200, ValueRule.Positive, "highest maximum firing rate drawn for a neuron (below the 500 Hz refractory limit)"),
        new("tau_syn", Dimension.Time, 10, ValueRule.Positive, "time constant of the exponential synapse that filters the spikes before decoding"),
        new("kp", Dimension.Dimensionless, 200, ValueRule.NonNegative, "hand stiffness of the PD law, N/m"),
        new("kv", Dimension.Dimensionless, 20, ValueRule.NonNegative, "hand damping of the PD law, N·s/m"),
        new("error_range_cm", Dimension.Dimensionless, 12, ValueRule.Positive, "hand error the error ensemble represents (its unit disc), cm"),
        new("velocity_range", Dimension.Dimensionless, 3, ValueRule.Positive, "joint speed the velocity ensemble represents (its unit disc), rad/s"),
        new("regularization", Dimension.Dimensionless, 0.1, ValueRule.Positive, "ridge of the decoder least squares, as a fraction of the largest rate (Nengo's default 0.1)"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var problem in ParameterProblem.WholeNumbers(values, "targets", "neurons")) yield return problem;
        if (values["neurons"] < 10) yield return new("neurons", $"must be >= 10, got {values["neurons"]}");
        if (values["start_elbow_deg"] is < 10 or > 170)
            yield return new("start_elbow_deg", $"must be between 10 and 170 degrees, got {values["start_elbow_deg"]}");
        if (values["rate_min"] > values["rate_max"])
            yield return new("rate_min", $"must not exceed rate_max ({values["rate_max"]} Hz), got {values["rate_min"]} Hz");
        var limit = 1000 / (Math.Round(2 / values["dt"]) * values["dt"]);
        if (values["rate_max"] >= 0.8 * limit)
            yield return new("rate_max", $"must be below {0.8 * limit:0} Hz (80 % of the 2 ms refractory limit), got {values["rate_max"]} Hz");
        if (values["reach"] < values["dt"])
            yield return new("reach", $"must be at least one step ({values["dt"]} ms), got {values["reach"]} ms");
        if (values["dt"] > 1) yield return new("dt", $"must be at most 1 ms (the arm and the neurons need a small step), got {values["dt"]} ms");
    }

    /// <inheritdoc />
    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = ReachSettings.From(context.Parameters);
        return new ReachRun(context, settings);
    }
}

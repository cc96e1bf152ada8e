using Cortex.Models;
using Cortex.Tasks;
using Cortex.Units;

namespace Cortex.Cognition.ActionSelection;

/// <summary>
/// Action selection through the spiking basal ganglia (<c>basal_ganglia</c> circuit; Humphries, Stewart &amp; Gurney
/// 2006): three actions with saliences that change every phase (<see cref="SalienceSchedule"/>), the selection read from
/// the GPi (<see cref="BasalGangliaSelector"/>). The score is the selection accuracy after settling; with an output folder
/// it writes <c>action_selection.png</c>.
/// </summary>
public sealed class ActionSelectionTask : TaskModel
{
    /// <summary>The figure's file name.</summary>
    public const string FigureFile = "action_selection.png";

    /// <inheritdoc />
    public override string Name => "action_selection";

    /// <inheritdoc />
    /// <remarks>The selector talks to its network only through the closed-loop session, so it runs on MPI ranks.</remarks>
    public override string? WhyNotDistributed => null;

    /// <inheritdoc />
    public override string Description => "select the most salient of three actions through the spiking basal ganglia (GPi disinhibition) as saliences change";

    /// <inheritdoc />
    public override string ScoreDescription => "fraction of settled bins with a clear winner in which the selected action is the most salient (chance 1/3)";

    /// <inheritdoc />
    public override string StepName => "bin";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("actions", Dimension.Dimensionless, 3, ValueRule.Positive, "competing actions (basal ganglia channels; a whole number >= 2)"),
        new("channel_size", Dimension.Dimensionless, 20, ValueRule.Positive, "neurons per channel in every nucleus"),
        new("phases", Dimension.Dimensionless, 6, ValueRule.Positive, "salience phases per episode; the third (of four or more) has no clear winner"),
        new("phase", Dimension.Time, 400, ValueRule.Positive, "duration of a salience phase"),
        new("bin", Dimension.Time, 10, ValueRule.Positive, "how often the selection is read"),
        new("window", Dimension.Time, 30, ValueRule.Positive, "window the GPi rates are counted over (ending with each bin)"),
        new("baseline", Dimension.Time, 300, ValueRule.Positive, "time without cortical input at the start, over which the tonic GPi rate is measured"),
        new("settle", Dimension.Time, 150, ValueRule.NonNegative, "time after each salience change left out of the accuracy (the latency measures it)"),
        new("salience_high", Dimension.Frequency, 40, ValueRule.Positive, "cortical rate of the most salient action"),
        new("salience_mid", Dimension.Frequency, 20, ValueRule.NonNegative, "cortical rate of the runner-up"),
        new("salience_low", Dimension.Frequency, 10, ValueRule.NonNegative, "cortical rate of the other actions"),
        new("dopamine", Dimension.Dimensionless, 0.2, ValueRule.NonNegative, "tonic dopamine of the circuit (0.2 normal; 0 depleted, as in Parkinson's disease)"),
        new("threshold", Dimension.Dimensionless, 0.6, ValueRule.Positive, "an action is selected when its GPi rate is lowest and below threshold × the tonic rate"),
        new("dt", Dimension.Time, 0.1, ValueRule.Positive, "simulation step"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues values)
    {
        foreach (var problem in ParameterProblem.WholeNumbers(values, "actions", "channel_size", "phases")) yield return problem;
        if (values["actions"] < 2) yield return new("actions", $"must be >= 2 (selection is a competition), got {values["actions"]}");
        if (!(values["salience_high"] > values["salience_mid"] && values["salience_mid"] >= values["salience_low"]))
            yield return new("salience_high", $"must exceed salience_mid ({values["salience_mid"]} Hz), which must be at least salience_low ({values["salience_low"]} Hz); got {values["salience_high"]} Hz");
        if (values["salience_high"] * values["dt"] / 1000 > 1)
            yield return new("salience_high", $"must be at most one spike per step ({1000 / values["dt"]:0} Hz), got {values["salience_high"]} Hz");
        if (values["threshold"] >= 1) yield return new("threshold", $"must be below 1 (selected means below the tonic rate), got {values["threshold"]}");
        if (values["bin"] < values["dt"]) yield return new("bin", $"must be at least one step ({values["dt"]} ms), got {values["bin"]} ms");
        if (values["window"] < values["bin"]) yield return new("window", $"must be at least one bin ({values["bin"]} ms), got {values["window"]} ms");
        if (values["phase"] < values["bin"]) yield return new("phase", $"must be at least one bin ({values["bin"]} ms), got {values["phase"]} ms");
        if (values["settle"] >= values["phase"]) yield return new("settle", $"must be shorter than a phase ({values["phase"]} ms), got {values["settle"]} ms");
        if (values["baseline"] < 2 * values["bin"]) yield return new("baseline", $"must be at least two bins ({2 * values["bin"]} ms), got {values["baseline"]} ms");
    }

    /// <inheritdoc />
    public override ITaskRun Create(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ActionSelectionRun(context, ActionSelectionSettings.From(context.Parameters));
    }
}

using Cortex.Models;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;

namespace Cortex.Tasks;

/// <summary>
/// A cognitive task (a bandit, a decision, a working-memory test, a control problem) that a spiking agent solves in
/// closed loop: from its parameters and a <see cref="TaskContext"/> it creates a run whose episodes each give a
/// score. Register it with <c>services.AddTask(...)</c>; <c>cortex task run NAME</c> runs it by name.
/// </summary>
public abstract class TaskModel
{
    /// <summary>The name the command line uses (lower case, e.g. "bandit").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings: what is asked of the agent.</summary>
    public abstract string Description { get; }

    /// <summary>What an episode's score measures (one line for listings and metrics.json), e.g. "fraction of good choices".</summary>
    public virtual string ScoreDescription => "episode score";

    /// <summary>What <see cref="EpisodeResult.Curve"/> shows (the y label of its plot), e.g. "better arm chosen, last 10 trials".</summary>
    public virtual string CurveDescription => "performance within the episode";

    /// <summary>What one environment step is called (the x label of the curve), e.g. "trial".</summary>
    public virtual string StepName => "step";

    /// <summary>The parameters with defaults (internal units) and rules, set from the command line with <c>--set key=value</c>.</summary>
    public virtual IReadOnlyList<ParameterSpec> Parameters => [];

    /// <summary>Cross-parameter checks beyond each parameter's own rule (e.g. a count that must be whole); empty when valid.</summary>
    public virtual IEnumerable<ParameterProblem> Check(ParameterValues values) => [];

    /// <summary>
    /// Why the task cannot run spread over MPI ranks (one line), or null when it gives the same results on any number of
    /// ranks. On a rank, the compiled network holds only that rank's part, so a task that reads it directly (its synapse
    /// tables, its population sizes) must not run there; a task that talks to its network only through
    /// <see cref="Simulation.ClosedLoopSession"/> can. Not checked until a task says so.
    /// </summary>
    public virtual string? WhyNotDistributed => "it has not been checked to give the same results on several MPI ranks";

    /// <summary>Episodes a run has when the caller does not say.</summary>
    public virtual int DefaultEpisodes => 1;

    /// <summary>Creates a run; its episodes are run in order by the caller, who disposes it at the end.</summary>
    public abstract ITaskRun Create(TaskContext context);

    /// <summary>
    /// The run's summary from its episodes so far: by default the mean of the episode scores as <c>score</c>, and the
    /// mean of each extra metric. Override for a headline figure that is not a mean (e.g. the best episode).
    /// </summary>
    public virtual TaskSummary Summarize(IReadOnlyList<EpisodeResult> episodes) => TaskSummary.Mean(episodes);

    /// <summary>
    /// Resolves <c>key=value</c> settings (values as plain numbers or with units, "50 ms", or one of a parameter's
    /// <see cref="ParameterSpec.Choices"/> by name) over the defaults; reports every
    /// unknown key (with a "did you mean"), wrong unit, out-of-range value and failed <see cref="Check"/> at once.
    /// </summary>
    /// <exception cref="TaskParameterException">Some setting is wrong; the message names each.</exception>
    public ParameterValues ResolveParameters(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<SpecError>();
        var quantities = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (key, text) in settings)
        {
            var choices = Parameters.FirstOrDefault(p => p.Name == key)?.Choices ?? [];
            var choice = choices.ToList().FindIndex(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
            if (choice >= 0) quantities[key] = new Quantity(choice, Dimension.Dimensionless);
            else if (Quantity.TryParse(text, out var quantity, out var error)) quantities[key] = quantity;
            else if (choices.Count > 0) errors.Add(new SpecError(key, $"expected one of {string.Join(", ", choices)}, got '{text}'"));
            else if (SpecChecks.Find(Parameters, key, key, errors) is not null) errors.Add(new SpecError(key, error));
        }
        var values = SpecChecks.CheckParameters(Parameters, quantities, "", errors);
        if (values is not null && errors.Count == 0)
            foreach (var problem in Check(values)) errors.Add(new SpecError(problem.Parameter, problem.Message));
        if (errors.Count > 0) throw new TaskParameterException(Name, [.. errors.Select(e => e with { Path = e.Path.TrimStart('.') })]);
        return values!;
    }
}

/// <summary>A task parameter that is unknown or has a bad value; the message names each.</summary>
public sealed class TaskParameterException(string task, IReadOnlyList<SpecError> errors)
    : Exception($"task '{task}': {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))}")
{
    /// <summary>Every problem found, by parameter name.</summary>
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}

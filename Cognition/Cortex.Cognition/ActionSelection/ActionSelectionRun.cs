using Cortex.Tasks;

namespace Cortex.Cognition.ActionSelection;

/// <summary>A run of <see cref="ActionSelectionTask"/>: the episodic loop, plus the figure after each episode when there is an output folder.</summary>
public sealed class ActionSelectionRun : ITaskRun
{
    private readonly TaskContext _context;
    private readonly ActionSelectionSettings _settings;
    private readonly EpisodicTaskRun<SalienceObservation, int> _run;

    /// <summary>A run with <paramref name="settings"/>.</summary>
    public ActionSelectionRun(TaskContext context, ActionSelectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _settings = settings;
        Schedule = new SalienceSchedule(settings);
        Selector = new BasalGangliaSelector(context, settings);
        Metrics = new ActionSelectionMetrics(settings, Selector);
        _run = new EpisodicTaskRun<SalienceObservation, int>(context, Schedule, Selector, Metrics);
    }

    /// <summary>The salience schedule.</summary>
    public SalienceSchedule Schedule { get; }

    /// <summary>The basal ganglia.</summary>
    public BasalGangliaSelector Selector { get; }

    /// <summary>The last episode's traces.</summary>
    public ActionSelectionMetrics Metrics { get; }

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        var result = _run.RunEpisode(episode, cancellationToken);
        if (_context.OutputDirectory is { } directory)
            ActionSelectionPlot.Save(Path.Combine(directory, ActionSelectionTask.FigureFile), Metrics, _settings,
                $"action selection, episode {episode}: accuracy {result.Score:0.00}, mean switching latency {result.Metrics["latency_mean_ms"]:0} ms (dopamine {_settings.Dopamine})");
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _run.Dispose();
}

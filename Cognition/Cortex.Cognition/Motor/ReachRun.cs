using Cortex.Tasks;

namespace Cortex.Cognition.Motor;

/// <summary>A run of <see cref="ReachTask"/>: the episodic loop, plus the trajectory figure after each episode when there is an output folder.</summary>
public sealed class ReachRun : ITaskRun
{
    private readonly TaskContext _context;
    private readonly ReachMetrics _metrics;
    private readonly EpisodicTaskRun<ReachObservation, ArmTorque> _run;

    /// <summary>A run with <paramref name="settings"/>.</summary>
    public ReachRun(TaskContext context, ReachSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _metrics = new ReachMetrics(settings);
        Environment = new CenterOutReaching(settings);
        Controller = new SpikingReachController(context, settings);
        _run = new EpisodicTaskRun<ReachObservation, ArmTorque>(context, Environment, Controller, _metrics);
    }

    /// <summary>The arm task.</summary>
    public CenterOutReaching Environment { get; }

    /// <summary>The spiking controller.</summary>
    public SpikingReachController Controller { get; }

    /// <summary>The last episode's hand paths and targets.</summary>
    public ReachMetrics Metrics => _metrics;

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        var result = _run.RunEpisode(episode, cancellationToken);
        if (_context.OutputDirectory is { } directory)
            ReachTrajectoryPlot.Save(Path.Combine(directory, ReachTask.TrajectoryFile), _metrics,
                $"reach, episode {episode}: mean final error {result.Score:0.00} cm");
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _run.Dispose();
}

namespace Cortex.Tasks;

/// <summary>
/// A task run made of an environment, an agent and metrics, the usual shape of a task: each episode resets the
/// environment and the agent from seeds derived from the run's seed (stream 0 and 1), then alternates
/// <c>Act</c> → <c>Step</c> → <c>Learn</c> until the environment says done, and scores the episode.
/// </summary>
public sealed class EpisodicTaskRun<TObservation, TAction> : ITaskRun
{
    private readonly TaskContext _context;
    private readonly IEnvironment<TObservation, TAction> _environment;
    private readonly IAgent<TObservation, TAction> _agent;
    private readonly IEpisodeMetrics<TObservation, TAction> _metrics;
    private readonly int _maxSteps;

    /// <summary>Combines the three; an episode longer than <paramref name="maxSteps"/> steps is a bug in the environment and throws.</summary>
    public EpisodicTaskRun(TaskContext context, IEnvironment<TObservation, TAction> environment, IAgent<TObservation, TAction> agent,
        IEpisodeMetrics<TObservation, TAction> metrics, int maxSteps = 10_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        _context = context;
        _environment = environment;
        _agent = agent;
        _metrics = metrics;
        _maxSteps = maxSteps;
    }

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        var observation = _environment.Reset(_context.DeriveSeed(episode, 0));
        _agent.Reset(_context.DeriveSeed(episode, 1));
        _metrics.Reset();
        var length = _environment.EpisodeLength;
        var steps = 0;
        var total = 0.0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var action = _agent.Act(observation);
            var outcome = _environment.Step(action);
            _agent.Learn(outcome.Reward);
            _metrics.Record(observation, action, outcome);
            total += outcome.Reward;
            steps++;
            _context.Progress?.Report(new EpisodeProgress(episode, steps, length, total));
            if (outcome.Done) break;
            if (steps >= _maxSteps) throw new InvalidOperationException($"the episode did not end within {_maxSteps} steps");
            observation = outcome.Observation;
        }
        var score = _metrics.Complete();
        return new EpisodeResult(episode, score.Score, total, steps) { Metrics = score.Metrics, Curve = score.Curve };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _agent.Dispose();
        (_environment as IDisposable)?.Dispose();
    }
}

using System.Diagnostics;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement;

/// <summary>
/// A run of a reinforcement-learning task: each episode is one training episode of the environment, and the agent keeps
/// what it learned from one to the next. After the caller's last episode (<see cref="TaskContext.Episodes"/>) it
/// evaluates the agent greedily, with learning off, for <c>eval_episodes</c> episodes, plays the same episodes with a
/// <see cref="RandomAgent"/> for the baseline, and puts both into that episode's metrics with the training speed.
/// Seeds: training episode e resets the environment from (e, stream 0); the agent's own draws come from (0, 1);
/// evaluation episode i is (i, stream 3) for both the agent and the baseline, whatever the training length, so runs
/// of different lengths are evaluated on the same episodes.
/// </summary>
public sealed class ReinforcementRun : ITaskRun
{
    private const int EvaluationStream = 3;
    private const int BaselineStream = 4;

    private readonly TaskContext _context;
    private readonly IControlEnvironment _environment;
    private readonly IReinforcementAgent _agent;
    private readonly int _evalEpisodes;
    private readonly bool _stochasticEvaluation;
    private readonly Stopwatch _training = new();
    private int _trainingEpisodes;

    /// <summary>
    /// Trains <paramref name="agent"/> on <paramref name="environment"/>, then evaluates it for <paramref name="evalEpisodes"/>
    /// episodes: greedily, or with <paramref name="stochasticEvaluation"/> with the agent's exploring policy (still without
    /// learning), for agents whose greedy policy is not their best (a spiking actor can get stuck where its noise would not).
    /// </summary>
    public ReinforcementRun(TaskContext context, IControlEnvironment environment, IReinforcementAgent agent, int evalEpisodes, bool stochasticEvaluation = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(evalEpisodes);
        _context = context;
        _environment = environment;
        _agent = agent;
        _evalEpisodes = evalEpisodes;
        _stochasticEvaluation = stochasticEvaluation;
    }

    /// <inheritdoc />
    public EpisodeResult RunEpisode(int episode, CancellationToken cancellationToken = default)
    {
        _training.Start();
        var (total, steps) = EpisodePlayer.Play(_environment, _agent, _context.DeriveSeed(episode, 0), learn: true, explore: true,
            (step, sum) => _context.Progress?.Report(new EpisodeProgress(episode, step, _environment.MaxSteps, sum)), cancellationToken);
        _training.Stop();
        _trainingEpisodes++;
        var metrics = Statistics(_environment, "");
        if (episode == _context.Episodes && _evalEpisodes > 0) Evaluate(metrics, cancellationToken);
        return new EpisodeResult(episode, total, total, steps) { Metrics = metrics };
    }

    private void Evaluate(Dictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        var seconds = _training.Elapsed.TotalSeconds;
        metrics["train_seconds"] = seconds;
        metrics["episodes_per_second"] = seconds > 0 ? _trainingEpisodes / seconds : double.NaN;
        // As NEST and GeNN define it: wall time per biological time, lower is faster.
        if (_agent is ISimulatedClock clock && clock.SimulatedMs > 0) metrics["realtime_factor"] = Cortex.Simulation.RealTimeFactor.Of(seconds, clock.SimulatedMs / 1000);
        var evaluation = Stopwatch.StartNew();
        Play(_agent, "eval_", metrics, cancellationToken);
        metrics["eval_seconds"] = evaluation.Elapsed.TotalSeconds;
        using var baseline = new RandomAgent(_environment.ActionCount, _context.DeriveSeed(0, BaselineStream));
        Play(baseline, "random_", metrics, cancellationToken);
    }

    // Plays the evaluation episodes (no Observe: nothing is learned) and stores the mean return, its s.d. and
    // the mean of each environment statistic under the prefix.
    private void Play(IReinforcementAgent agent, string prefix, Dictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        var returns = new double[_evalEpisodes];
        var statistics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < _evalEpisodes; i++)
        {
            returns[i] = EpisodePlayer.Play(_environment, agent, _context.DeriveSeed(i, EvaluationStream), learn: false, explore: _stochasticEvaluation,
                cancellationToken: cancellationToken).Return;
            foreach (var (name, value) in Statistics(_environment, prefix))
                statistics[name] = statistics.GetValueOrDefault(name) + value / _evalEpisodes;
        }
        var mean = returns.Average();
        metrics[prefix + "return"] = mean;
        metrics[prefix + "return_sd"] = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / Math.Max(1, returns.Length - 1));
        foreach (var (name, value) in statistics) metrics[name] = value;
    }

    private static Dictionary<string, double> Statistics(IControlEnvironment environment, string prefix)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (environment is IEpisodeStatistics statistics)
            foreach (var (name, value) in statistics.EpisodeStatistics) metrics[prefix + name] = value;
        return metrics;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _agent.Dispose();
        (_environment as IDisposable)?.Dispose();
    }
}

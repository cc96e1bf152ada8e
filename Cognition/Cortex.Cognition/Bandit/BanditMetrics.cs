using Cortex.Tasks;

namespace Cortex.Cognition.Bandit;

/// <summary>
/// Scores a bandit session: the score is the fraction of the last quarter's trials (all after the reversal) on which
/// the agent chose the arm that was better at the time, so it measures both learning and re-learning. Also reports
/// the fraction over all trials, the reward rate, the fraction just before the reversal and how many trials the
/// agent took after it to choose the new better arm five times in a row.
/// </summary>
public sealed class BanditMetrics(TwoArmedBandit bandit) : IEpisodeMetrics<BanditCue, int>
{
    /// <summary>Trials in the moving window of the within-episode curve.</summary>
    public const int CurveWindow = 10;

    private const int RunForReversal = 5;

    private readonly List<bool> _good = [];
    private double _rewards;

    /// <inheritdoc />
    public void Reset()
    {
        _good.Clear();
        _rewards = 0;
    }

    /// <inheritdoc />
    public void Record(BanditCue observation, int action, StepResult<BanditCue> outcome)
    {
        _good.Add(action == bandit.BetterArm(observation.Trial));
        _rewards += outcome.Reward;
    }

    /// <inheritdoc />
    public EpisodeScore Complete()
    {
        var trials = _good.Count;
        var lastQuarter = trials - trials / 4;
        var swap = Math.Min(bandit.SwapTrial, trials);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["good_choices"] = Fraction(0, trials),
            ["reward_rate"] = trials == 0 ? 0 : _rewards / trials,
            ["good_choices_before_swap"] = Fraction(swap - trials / 4, swap),
            ["reversal_trials"] = ReversalTrials(swap),
        };
        var curve = new double[trials];
        for (var t = 0; t < trials; t++) curve[t] = Fraction(Math.Max(0, t + 1 - CurveWindow), t + 1);
        return new EpisodeScore(Fraction(lastQuarter, trials), metrics, curve);
    }

    // The fraction of good choices over trials [from, to).
    private double Fraction(int from, int to)
    {
        from = Math.Max(from, 0);
        if (to <= from) return 0;
        var good = 0;
        for (var t = from; t < to; t++) if (_good[t]) good++;
        return (double)good / (to - from);
    }

    // Trials after the reversal until the new better arm had been chosen RunForReversal times in a row (counting those);
    // all the remaining trials when that never happened.
    private int ReversalTrials(int swap)
    {
        var run = 0;
        for (var t = swap; t < _good.Count; t++)
        {
            run = _good[t] ? run + 1 : 0;
            if (run == RunForReversal) return t - swap + 1;
        }
        return _good.Count - swap;
    }
}

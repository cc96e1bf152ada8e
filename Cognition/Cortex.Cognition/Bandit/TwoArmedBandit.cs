using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Bandit;

/// <summary>What the bandit shows before each trial: the same cue every time, and where in the session the trial is.</summary>
/// <param name="Trial">The trial about to be played (0-based).</param>
/// <param name="Trials">Trials in the session.</param>
public readonly record struct BanditCue(int Trial, int Trials);

/// <summary>
/// A two-armed bandit with one reversal: arm <see cref="BetterArm"/> pays 1 with probability <c>pGood</c>, the other with
/// <c>pBad</c>, and the two swap at trial <see cref="SwapTrial"/> (half-way). Which arm is better first is drawn from
/// the episode's seed, so an agent that simply prefers one side scores no better than chance.
/// </summary>
public sealed class TwoArmedBandit : IEnvironment<BanditCue, int>
{
    private SeededRandom _random;
    private int _trial;
    private int _firstBetter;

    /// <summary>A session of <paramref name="trials"/> trials (at least 2) with the given reward probabilities.</summary>
    public TwoArmedBandit(int trials, double pGood, double pBad)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 2);
        if (pGood is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pGood), pGood, "must be a probability");
        if (pBad is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pBad), pBad, "must be a probability");
        Trials = trials;
        PGood = pGood;
        PBad = pBad;
    }

    /// <summary>Trials per episode.</summary>
    public int Trials { get; }

    /// <summary>Reward probability of the better arm.</summary>
    public double PGood { get; }

    /// <summary>Reward probability of the worse arm.</summary>
    public double PBad { get; }

    /// <summary>The first trial after the reversal: half-way through the session.</summary>
    public int SwapTrial => Trials / 2;

    /// <inheritdoc />
    public int? EpisodeLength => Trials;

    /// <summary>The arm (0 or 1) that pays more often at <paramref name="trial"/>.</summary>
    public int BetterArm(int trial) => trial < SwapTrial ? _firstBetter : 1 - _firstBetter;

    /// <summary>The chance that <paramref name="arm"/> pays at <paramref name="trial"/>.</summary>
    public double RewardProbability(int arm, int trial) => arm == BetterArm(trial) ? PGood : PBad;

    /// <inheritdoc />
    public BanditCue Reset(ulong seed)
    {
        _random = TaskSeeds.Random(seed);
        _firstBetter = _random.NextInt(2);
        _trial = 0;
        return new BanditCue(0, Trials);
    }

    /// <inheritdoc />
    public StepResult<BanditCue> Step(int action)
    {
        if (action is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(action), action, "a two-armed bandit has arms 0 and 1");
        if (_trial >= Trials) throw new InvalidOperationException("the session is over; call Reset to start another");
        var reward = _random.NextDouble() < RewardProbability(action, _trial) ? 1.0 : 0.0;
        _trial++;
        return new StepResult<BanditCue>(new BanditCue(_trial, Trials), reward, _trial == Trials);
    }
}

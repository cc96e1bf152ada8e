using System.Globalization;
using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.Environments;

/// <summary>How a bandit arm pays.</summary>
public enum ArmRewards
{
    /// <summary>1 with the arm's probability, else 0; probabilities drawn U(0, 1).</summary>
    Bernoulli,

    /// <summary>Normal around the arm's mean with s.d. 1; means drawn N(0, 1) (Sutton &amp; Barto's 10-armed testbed).</summary>
    Gaussian,
}

/// <summary>
/// A k-armed bandit (Sutton &amp; Barto 2018, §2.3): action i pulls arm i. The arms' means are drawn once from the
/// problem seed given at construction and stay fixed, so what an agent learns in one episode holds in the next; each
/// episode's seed draws only the rewards. One episode is <see cref="MaxSteps"/> pulls. The observation is a constant
/// cue (1, the middle of its range 0…2), since there is nothing to see.
/// </summary>
public sealed class MultiArmedBandit : IControlEnvironment, IEpisodeStatistics
{
    private readonly double[] _means;
    private SeededRandom _random;
    private int _step;
    private int _optimal;
    private bool _over = true;

    /// <summary>A bandit with <paramref name="arms"/> arms paying as <paramref name="rewards"/> says, <paramref name="pulls"/> pulls per episode.</summary>
    public MultiArmedBandit(int arms, int pulls, ArmRewards rewards, ulong problemSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arms, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(pulls, 1);
        MaxSteps = pulls;
        Rewards = rewards;
        var random = TaskSeeds.Random(problemSeed, 1);
        _means = [.. Enumerable.Range(0, arms).Select(_ => rewards == ArmRewards.Bernoulli ? random.NextDouble() : random.NextGaussian())];
        var best = 0;
        for (var a = 1; a < arms; a++) if (_means[a] > _means[best]) best = a;
        BestArm = best;
    }

    /// <inheritdoc />
    public string Name => "multi_armed_bandit";

    /// <inheritdoc />
    public int ObservationSize => 1;

    /// <inheritdoc />
    public int ActionCount => _means.Length;

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(double Low, double High)> ObservationRange { get; } = [(0, 2)];

    /// <summary>How the arms pay.</summary>
    public ArmRewards Rewards { get; }

    /// <summary>Each arm's expected reward.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>The arm with the highest expected reward.</summary>
    public int BestArm { get; }

    /// <summary>The fraction of this episode's pulls that chose <see cref="BestArm"/>.</summary>
    public double OptimalFraction => _step == 0 ? 0 : (double)_optimal / _step;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> EpisodeStatistics =>
        new Dictionary<string, double>(StringComparer.Ordinal) { ["optimal_choices"] = OptimalFraction };

    /// <inheritdoc />
    public double[] Reset(ulong seed)
    {
        _random = TaskSeeds.Random(seed);
        _step = 0;
        _optimal = 0;
        _over = false;
        return [1.0];
    }

    /// <inheritdoc />
    public StepResult<double[]> Step(int action)
    {
        if (action < 0 || action >= _means.Length)
            throw new InvalidActionException(Name, _step, action.ToString(CultureInfo.InvariantCulture), $"an arm from 0 to {_means.Length - 1}");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        var reward = Rewards == ArmRewards.Bernoulli
            ? (_random.NextDouble() < _means[action] ? 1.0 : 0.0)
            : _means[action] + _random.NextGaussian();
        if (action == BestArm) _optimal++;
        _step++;
        _over = _step >= MaxSteps;
        return new StepResult<double[]>([1.0], reward, _over);
    }
}

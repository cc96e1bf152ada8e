using System.Globalization;
using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.Environments;

/// <summary>
/// MountainCar-v0 as in Gym/Gymnasium (Moore 1990): an under-powered car in a valley, y = sin(3x), must rock back and
/// forth to reach the flag at x ≥ 0.5. Actions: 0 push left, 1 no push, 2 push right. Per step
/// v ← clip(v + (a − 1)·0.001 − cos(3x)·0.0025, ±0.07), x ← clip(x + v, −1.2, 0.6), and v ← 0 when the car hits the left
/// wall. Reward −1 per step; the episode ends at the goal and is truncated at 200 steps. Start: x ~ U(−0.6, −0.4), v = 0.
/// Observation: position, velocity.
/// </summary>
public sealed class MountainCar : IControlEnvironment, IEpisodeStatistics
{
    /// <summary>Acceleration per unit of action.</summary>
    public const double Force = 0.001;

    /// <summary>The slope's pull, times cos(3x).</summary>
    public const double Gravity = 0.0025;

    /// <summary>The speed limit, either way.</summary>
    public const double MaxSpeed = 0.07;

    /// <summary>The left wall.</summary>
    public const double MinPosition = -1.2;

    /// <summary>The right edge.</summary>
    public const double MaxPosition = 0.6;

    /// <summary>The flag: reaching it ends the episode.</summary>
    public const double GoalPosition = 0.5;

    private double _position, _velocity;
    private int _step;
    private bool _over = true;
    private bool _reached;

    /// <summary>A MountainCar-v0 with the usual 200-step limit, or another <paramref name="maxSteps"/>.</summary>
    public MountainCar(int maxSteps = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        MaxSteps = maxSteps;
    }

    /// <inheritdoc />
    public string Name => "mountain_car";

    /// <inheritdoc />
    public int ObservationSize => 2;

    /// <inheritdoc />
    public int ActionCount => 3;

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(double Low, double High)> ObservationRange { get; } = [(MinPosition, MaxPosition), (-MaxSpeed, MaxSpeed)];

    /// <summary>Position and velocity now.</summary>
    public double[] State => [_position, _velocity];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> EpisodeStatistics =>
        new Dictionary<string, double>(StringComparer.Ordinal) { ["goal_reached"] = _reached ? 1 : 0 };

    /// <summary>Sets the state directly (for tests that follow a known trajectory).</summary>
    public void SetState(double position, double velocity)
    {
        (_position, _velocity) = (position, velocity);
        _step = 0;
        _over = false;
        _reached = false;
    }

    /// <inheritdoc />
    public double[] Reset(ulong seed)
    {
        var random = TaskSeeds.Random(seed);
        SetState(-0.6 + 0.2 * random.NextDouble(), 0);
        return State;
    }

    /// <inheritdoc />
    public StepResult<double[]> Step(int action)
    {
        if (action is < 0 or > 2) throw new InvalidActionException(Name, _step, action.ToString(CultureInfo.InvariantCulture), "0 (push left), 1 (no push) or 2 (push right)");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        _velocity = Math.Clamp(_velocity + (action - 1) * Force - Math.Cos(3 * _position) * Gravity, -MaxSpeed, MaxSpeed);
        _position = Math.Clamp(_position + _velocity, MinPosition, MaxPosition);
        if (_position <= MinPosition && _velocity < 0) _velocity = 0;
        _step++;
        _reached = _position >= GoalPosition;
        var truncated = !_reached && _step >= MaxSteps;
        _over = _reached || truncated;
        return new StepResult<double[]>(State, -1.0, _over) { Truncated = truncated };
    }
}

using System.Globalization;
using Cortex.Randomness;
using Cortex.Tasks;

namespace Cortex.Cognition.Reinforcement.Environments;

/// <summary>
/// CartPole-v1 as in Gym/Gymnasium (Barto, Sutton &amp; Anderson 1983): a pole hinged on a cart that is pushed left
/// (action 0) or right (action 1) with 10 N. Same constants, explicit-Euler integration with τ = 0.02 s, reward 1 for
/// every step including the last, termination when |x| &gt; 2.4 m or |θ| &gt; 12°, and truncation at 500 steps. The
/// start state is drawn uniformly from ±0.05 in every component from the episode's seed. Observation: x, ẋ, θ, θ̇.
/// </summary>
public sealed class CartPole : IControlEnvironment
{
    private const double Gravity = 9.8;
    private const double CartMass = 1.0;
    private const double PoleMass = 0.1;
    private const double TotalMass = CartMass + PoleMass;
    private const double HalfPoleLength = 0.5;
    private const double PoleMassLength = PoleMass * HalfPoleLength;
    private const double ForceMagnitude = 10.0;
    private const double Tau = 0.02;

    /// <summary>The angle beyond which the episode ends: 12°, in radians.</summary>
    public const double AngleLimit = 12 * 2 * Math.PI / 360;

    /// <summary>The cart position beyond which the episode ends (m).</summary>
    public const double PositionLimit = 2.4;

    private double _x, _xDot, _theta, _thetaDot;
    private int _step;
    private bool _over = true;

    /// <summary>A CartPole-v1 with the usual 500-step limit, or another <paramref name="maxSteps"/>.</summary>
    public CartPole(int maxSteps = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        MaxSteps = maxSteps;
    }

    /// <inheritdoc />
    public string Name => "cartpole";

    /// <inheritdoc />
    public int ObservationSize => 4;

    /// <inheritdoc />
    public int ActionCount => 2;

    /// <inheritdoc />
    public int MaxSteps { get; }

    /// <inheritdoc />
    public IReadOnlyList<(double Low, double High)> ObservationRange { get; } =
        [(-PositionLimit, PositionLimit), (-3, 3), (-AngleLimit, AngleLimit), (-3.5, 3.5)];

    /// <summary>The state as it is now: x (m), ẋ (m/s), θ (rad, 0 upright), θ̇ (rad/s).</summary>
    public double[] State => [_x, _xDot, _theta, _thetaDot];

    /// <summary>Sets the state directly (for tests that follow a known trajectory).</summary>
    public void SetState(double x, double xDot, double theta, double thetaDot)
    {
        (_x, _xDot, _theta, _thetaDot) = (x, xDot, theta, thetaDot);
        _step = 0;
        _over = false;
    }

    /// <inheritdoc />
    public double[] Reset(ulong seed)
    {
        var random = TaskSeeds.Random(seed);
        SetState(Start(random), Start(random), Start(random), Start(random));
        return State;
    }

    private static double Start(SeededRandom random) => -0.05 + 0.1 * random.NextDouble();

    /// <inheritdoc />
    public StepResult<double[]> Step(int action)
    {
        if (action is not (0 or 1)) throw new InvalidActionException(Name, _step, action.ToString(CultureInfo.InvariantCulture), "0 (push left) or 1 (push right)");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        var force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        var cos = Math.Cos(_theta);
        var sin = Math.Sin(_theta);
        var temp = (force + PoleMassLength * _thetaDot * _thetaDot * sin) / TotalMass;
        var thetaAcc = (Gravity * sin - cos * temp) / (HalfPoleLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
        var xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        _x += Tau * _xDot;
        _xDot += Tau * xAcc;
        _theta += Tau * _thetaDot;
        _thetaDot += Tau * thetaAcc;
        _step++;
        var terminated = _x is < -PositionLimit or > PositionLimit || _theta is < -AngleLimit or > AngleLimit;
        var truncated = !terminated && _step >= MaxSteps;
        _over = terminated || truncated;
        return new StepResult<double[]>(State, 1.0, _over) { Truncated = truncated };
    }
}

using System.Globalization;
using Cortex.Tasks;

namespace Cortex.Cognition.Motor;

/// <summary>
/// Centre-out reaching with a <see cref="TwoLinkArm"/>: one episode reaches to every target in turn (target k at angle
/// 2πk/targets on a circle of the given radius around the hand's start position), each reach starting at rest in the
/// start posture and lasting a fixed time. One step is one arm step of <c>dt</c>; the reward is −distance·dt, so the
/// return is minus the time-integrated distance (m·s). The order of targets is fixed, so the episode has nothing random.
/// The step that ends a reach returns the reach's final state (so metrics see where the hand ended); the arm is put back
/// in the start posture at the start of the next step, which then applies the controller's torque to the reset arm.
/// </summary>
public sealed class CenterOutReaching : IEnvironment<ReachObservation, ArmTorque>
{
    /// <summary>The name invalid-action errors carry.</summary>
    public const string Name = "reach";

    private readonly ReachSettings _settings;
    private readonly int _stepsPerReach;
    private int _step;
    private int _target;
    private int _stepInReach;
    private bool _over = true;
    private bool _reachEnded;

    /// <summary>The task with <paramref name="settings"/>.</summary>
    public CenterOutReaching(ReachSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        Arm = new TwoLinkArm(TwoLinkArmParameters.LiTodorov2004, settings.StartShoulder, settings.StartElbow);
        Start = Arm.Hand;
        _stepsPerReach = settings.StepsPerReach;
    }

    /// <summary>The arm being driven.</summary>
    public TwoLinkArm Arm { get; }

    /// <summary>The hand's position in the start posture (m): the centre of the targets.</summary>
    public (double X, double Y) Start { get; }

    /// <inheritdoc />
    public int? EpisodeLength => _settings.Targets * _stepsPerReach;

    /// <summary>Target <paramref name="k"/> (m).</summary>
    public (double X, double Y) TargetPosition(int k)
    {
        var angle = 2 * Math.PI * k / _settings.Targets;
        return (Start.X + _settings.Radius * Math.Cos(angle), Start.Y + _settings.Radius * Math.Sin(angle));
    }

    /// <inheritdoc />
    public ReachObservation Reset(ulong seed)
    {
        _step = 0;
        _target = 0;
        _over = false;
        BeginReach();
        return Observe();
    }

    /// <inheritdoc />
    public StepResult<ReachObservation> Step(ArmTorque action)
    {
        if (!double.IsFinite(action.Shoulder) || !double.IsFinite(action.Elbow))
            throw new InvalidActionException(Name, _step,
                string.Create(CultureInfo.InvariantCulture, $"(shoulder {action.Shoulder}, elbow {action.Elbow}) N·m"), "finite joint torques in N·m");
        if (_over) throw new InvalidOperationException($"{Name}: the episode is over; call Reset to start another");
        if (_reachEnded)
        {
            _target++;
            BeginReach();
        }
        Arm.Step(action.Shoulder, action.Elbow, _settings.Dt / 1000);
        _step++;
        _stepInReach++;
        var reward = -Observe().Distance * _settings.Dt / 1000;
        _reachEnded = _stepInReach >= _stepsPerReach;
        _over = _reachEnded && _target == _settings.Targets - 1;
        return new StepResult<ReachObservation>(Observe(), reward, _over);
    }

    private void BeginReach()
    {
        _reachEnded = false;
        Arm.SetState(_settings.StartShoulder, _settings.StartElbow, 0, 0);
        _stepInReach = 0;
    }

    private ReachObservation Observe()
    {
        var (tx, ty) = TargetPosition(_target);
        var (hx, hy) = Arm.Hand;
        return new ReachObservation(_target, _stepInReach * _settings.Dt / 1000, tx, ty, hx, hy, Arm.Velocities.Shoulder, Arm.Velocities.Elbow);
    }
}

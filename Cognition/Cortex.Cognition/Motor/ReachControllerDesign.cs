using Cortex.Tasks;

namespace Cortex.Cognition.Motor;

/// <summary>
/// The reaching controller designed as in the Neural Engineering Framework (Eliasmith &amp; Anderson 2003): it is not
/// trained, its decoders are solved for. An operational-space PD law τ = J₀ᵀ·(Kp·e − Kv·J₀·q̇) (Khatib 1987) is split
/// between two 2-D ensembles: the error ensemble represents the hand error e = target − hand (scaled by its range)
/// and decodes the stiffness torque J₀ᵀ·Kp·e; the velocity ensemble represents the joint velocities q̇ and decodes
/// the damping torque −J₀ᵀ·Kv·J₀·q̇. Their sum is the torque. J₀ is the Jacobian at the start posture: over a 10 cm
/// workspace it changes little, and since J₀ᵀ is invertible the only rest point is still e = 0, so the hand still
/// ends on the target (a posture-dependent Jacobian would need an ensemble representing q as well).
/// </summary>
public sealed class ReachControllerDesign
{
    /// <summary>Sample points (of the unit disc) the decoders are fitted on.</summary>
    public const int FitPoints = 1000;

    private readonly double[,] _j0;
    private readonly ReachSettings _settings;

    /// <summary>Draws the ensembles from <paramref name="seed"/> and solves their decoders.</summary>
    public ReachControllerDesign(ReachSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        var arm = new TwoLinkArm(TwoLinkArmParameters.LiTodorov2004);
        _j0 = arm.JacobianAt(settings.StartShoulder, settings.StartElbow);
        Neuron = LifRateCurve.KernelDefaults(settings.Dt);
        var random = TaskSeeds.Random(seed, 7);
        // Intercepts over the whole range (±1), as Nengo's default: every neuron is active for part of the space.
        ErrorEnsemble = new NefEnsemble(settings.Neurons, 2, Neuron, random, settings.MinRate, settings.MaxRate, 1);
        VelocityEnsemble = new NefEnsemble(settings.Neurons, 2, Neuron, random, settings.MinRate, settings.MaxRate, 1);
        var points = NefEnsemble.SamplePoints(FitPoints, 2, random);
        ErrorDecoders = DecoderSolver.Solve(ErrorEnsemble, points, StiffnessTorque, settings.Regularization);
        VelocityDecoders = DecoderSolver.Solve(VelocityEnsemble, points, DampingTorque, settings.Regularization);
    }

    /// <summary>The neurons' rate curve (the kernel's <c>lif</c> with its default parameters at the task's step).</summary>
    public LifRateCurve Neuron { get; }

    /// <summary>Represents the hand error divided by its range.</summary>
    public NefEnsemble ErrorEnsemble { get; }

    /// <summary>Represents the joint velocities divided by their range.</summary>
    public NefEnsemble VelocityEnsemble { get; }

    /// <summary>Error-ensemble decoders (neurons × 2: shoulder, elbow torque in N·m per Hz).</summary>
    public double[,] ErrorDecoders { get; }

    /// <summary>Velocity-ensemble decoders (neurons × 2).</summary>
    public double[,] VelocityDecoders { get; }

    /// <summary>What the error ensemble computes: J₀ᵀ·Kp·e for represented x = e / error range (N·m).</summary>
    public double[] StiffnessTorque(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (fx, fy) = (_settings.Kp * _settings.ErrorRange * x[0], _settings.Kp * _settings.ErrorRange * x[1]);
        return [_j0[0, 0] * fx + _j0[1, 0] * fy, _j0[0, 1] * fx + _j0[1, 1] * fy];
    }

    /// <summary>What the velocity ensemble computes: −J₀ᵀ·Kv·J₀·q̇ for represented x = q̇ / velocity range (N·m).</summary>
    public double[] DampingTorque(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (v1, v2) = (_settings.VelocityRange * x[0], _settings.VelocityRange * x[1]);
        var (fx, fy) = (-_settings.Kv * (_j0[0, 0] * v1 + _j0[0, 1] * v2), -_settings.Kv * (_j0[1, 0] * v1 + _j0[1, 1] * v2));
        return [_j0[0, 0] * fx + _j0[1, 0] * fy, _j0[0, 1] * fx + _j0[1, 1] * fy];
    }
}

namespace Cortex.Cognition.Motor;

/// <summary>
/// A two-link planar arm (shoulder angle q1 from the x axis, elbow angle q2 relative to the upper arm) moving in the
/// horizontal plane, so without gravity: M(q)·q̈ + C(q, q̇) + B·q̇ = τ, with (Li &amp; Todorov 2004)
/// M = [a1 + 2·a2·cos q2, a3 + a2·cos q2; a3 + a2·cos q2, a3], C = a2·sin q2·[−q̇2·(2q̇1 + q̇2); q̇1²],
/// a1 = I1 + I2 + m2·l1², a2 = m2·l1·s2, a3 = I2 (I1, I2 about the joints). Integrated with classical fourth-order
/// Runge–Kutta, the torque held over a step, so a frictionless, unforced arm keeps its kinetic energy to high precision.
/// </summary>
public sealed class TwoLinkArm
{
    private readonly double _a1, _a2, _a3;

    /// <summary>An arm with <paramref name="parameters"/> at rest in posture (<paramref name="shoulder"/>, <paramref name="elbow"/>) (rad).</summary>
    public TwoLinkArm(TwoLinkArmParameters parameters, double shoulder = 0, double elbow = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _a1 = parameters.I1 + parameters.I2 + parameters.M2 * parameters.L1 * parameters.L1;
        _a2 = parameters.M2 * parameters.L1 * parameters.S2;
        _a3 = parameters.I2;
        SetState(shoulder, elbow, 0, 0);
    }

    /// <summary>The arm's constants.</summary>
    public TwoLinkArmParameters Parameters { get; }

    /// <summary>Joint angles (rad): shoulder, elbow.</summary>
    public (double Shoulder, double Elbow) Angles { get; private set; }

    /// <summary>Joint velocities (rad/s): shoulder, elbow.</summary>
    public (double Shoulder, double Elbow) Velocities { get; private set; }

    /// <summary>Puts the arm in a posture with joint velocities (rad, rad/s).</summary>
    public void SetState(double shoulder, double elbow, double shoulderVelocity, double elbowVelocity)
    {
        Angles = (shoulder, elbow);
        Velocities = (shoulderVelocity, elbowVelocity);
    }

    /// <summary>The hand position (m) in posture (<paramref name="shoulder"/>, <paramref name="elbow"/>).</summary>
    public (double X, double Y) HandAt(double shoulder, double elbow) =>
        (Parameters.L1 * Math.Cos(shoulder) + Parameters.L2 * Math.Cos(shoulder + elbow),
         Parameters.L1 * Math.Sin(shoulder) + Parameters.L2 * Math.Sin(shoulder + elbow));

    /// <summary>The hand position (m) now.</summary>
    public (double X, double Y) Hand => HandAt(Angles.Shoulder, Angles.Elbow);

    /// <summary>The Jacobian ∂(x, y)/∂(q1, q2) in posture (<paramref name="shoulder"/>, <paramref name="elbow"/>), row-major [[∂x/∂q1, ∂x/∂q2], [∂y/∂q1, ∂y/∂q2]].</summary>
    public double[,] JacobianAt(double shoulder, double elbow)
    {
        var (l1, l2) = (Parameters.L1, Parameters.L2);
        var (s1, c1) = Math.SinCos(shoulder);
        var (s12, c12) = Math.SinCos(shoulder + elbow);
        return new[,] { { -l1 * s1 - l2 * s12, -l2 * s12 }, { l1 * c1 + l2 * c12, l2 * c12 } };
    }

    /// <summary>The hand velocity (m/s) now: J(q)·q̇.</summary>
    public (double X, double Y) HandVelocity
    {
        get
        {
            var j = JacobianAt(Angles.Shoulder, Angles.Elbow);
            var (v1, v2) = Velocities;
            return (j[0, 0] * v1 + j[0, 1] * v2, j[1, 0] * v1 + j[1, 1] * v2);
        }
    }

    /// <summary>The inertia matrix M(q) for elbow angle <paramref name="elbow"/> (it does not depend on the shoulder angle).</summary>
    public double[,] MassMatrix(double elbow)
    {
        var c = Math.Cos(elbow);
        return new[,] { { _a1 + 2 * _a2 * c, _a3 + _a2 * c }, { _a3 + _a2 * c, _a3 } };
    }

    /// <summary>Kinetic energy ½·q̇ᵀ·M(q)·q̇ (J): conserved without torque and viscosity.</summary>
    public double KineticEnergy
    {
        get
        {
            var m = MassMatrix(Angles.Elbow);
            var (v1, v2) = Velocities;
            return 0.5 * (m[0, 0] * v1 * v1 + 2 * m[0, 1] * v1 * v2 + m[1, 1] * v2 * v2);
        }
    }

    /// <summary>Advances <paramref name="dt"/> seconds under joint torques (N·m) held constant over the step (RK4).</summary>
    public void Step(double shoulderTorque, double elbowTorque, double dt)
    {
        var (q1, q2) = Angles;
        var (v1, v2) = Velocities;
        var (k1a, k1b) = Acceleration(q2, v1, v2, shoulderTorque, elbowTorque);
        var (k2a, k2b) = Acceleration(q2 + 0.5 * dt * v2, v1 + 0.5 * dt * k1a, v2 + 0.5 * dt * k1b, shoulderTorque, elbowTorque);
        var (k3a, k3b) = Acceleration(q2 + 0.5 * dt * (v2 + 0.5 * dt * k1b), v1 + 0.5 * dt * k2a, v2 + 0.5 * dt * k2b, shoulderTorque, elbowTorque);
        var (k4a, k4b) = Acceleration(q2 + dt * (v2 + 0.5 * dt * k2b), v1 + dt * k3a, v2 + dt * k3b, shoulderTorque, elbowTorque);
        // Positions integrate the velocity stages (q̇ at each RK4 stage), velocities the acceleration stages.
        var dq1 = dt / 6 * (v1 + 2 * (v1 + 0.5 * dt * k1a) + 2 * (v1 + 0.5 * dt * k2a) + (v1 + dt * k3a));
        var dq2 = dt / 6 * (v2 + 2 * (v2 + 0.5 * dt * k1b) + 2 * (v2 + 0.5 * dt * k2b) + (v2 + dt * k3b));
        Angles = (q1 + dq1, q2 + dq2);
        Velocities = (v1 + dt / 6 * (k1a + 2 * k2a + 2 * k3a + k4a), v2 + dt / 6 * (k1b + 2 * k2b + 2 * k3b + k4b));
    }

    // q̈ = M⁻¹·(τ − C − B·q̇); only the elbow angle enters (the shoulder angle is cyclic).
    private (double, double) Acceleration(double elbow, double v1, double v2, double tau1, double tau2)
    {
        var m = MassMatrix(elbow);
        var s = _a2 * Math.Sin(elbow);
        var p = Parameters;
        var r1 = tau1 + s * v2 * (2 * v1 + v2) - p.B11 * v1 - p.B12 * v2;
        var r2 = tau2 - s * v1 * v1 - p.B12 * v1 - p.B22 * v2;
        var det = m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
        return ((m[1, 1] * r1 - m[0, 1] * r2) / det, (m[0, 0] * r2 - m[1, 0] * r1) / det);
    }
}

using Cortex.Cognition.Motor;

namespace Cortex.Cognition.Tests;

/// <summary>
/// The two-link arm against physics computed outside it: kinematics by trigonometry and finite differences, the inertia
/// matrix against the rigid-body kinetic energy, and the integrator against energy and momentum conservation and the
/// work–energy balance.
/// </summary>
public sealed class TwoLinkArmTests
{
    private static readonly TwoLinkArmParameters P = TwoLinkArmParameters.LiTodorov2004;

    [Theory]
    [InlineData(0, 0, 0.63, 0)]
    [InlineData(90, 0, 0, 0.63)]
    [InlineData(0, 90, 0.30, 0.33)]
    [InlineData(90, 90, -0.33, 0.30)]
    public void ForwardKinematics_MatchesTrigonometry_AtRightAngles(double shoulderDeg, double elbowDeg, double x, double y)
    {
        var hand = new TwoLinkArm(P).HandAt(shoulderDeg * Math.PI / 180, elbowDeg * Math.PI / 180);
        Assert.Equal(x, hand.X, 12);
        Assert.Equal(y, hand.Y, 12);
    }

    [Fact]
    public void HandDistanceFromShoulder_FollowsTheLawOfCosines_AndTheJacobianMatchesFiniteDifferences()
    {
        var arm = new TwoLinkArm(P);
        var random = Cortex.Tasks.TaskSeeds.Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var (q1, q2) = (2 * Math.PI * random.NextDouble(), Math.PI * random.NextDouble());
            var (x, y) = arm.HandAt(q1, q2);
            // |hand|² = l1² + l2² + 2·l1·l2·cos(q2), and the hand's bearing is q1 plus the forearm's offset angle.
            Assert.Equal(P.L1 * P.L1 + P.L2 * P.L2 + 2 * P.L1 * P.L2 * Math.Cos(q2), x * x + y * y, 12);
            var bearing = q1 + Math.Atan2(P.L2 * Math.Sin(q2), P.L1 + P.L2 * Math.Cos(q2));
            Assert.Equal(0, Math.Sin(Math.Atan2(y, x) - bearing), 9);

            var j = arm.JacobianAt(q1, q2);
            const double h = 1e-6;
            double[] dq1 = [(arm.HandAt(q1 + h, q2).X - arm.HandAt(q1 - h, q2).X) / (2 * h), (arm.HandAt(q1 + h, q2).Y - arm.HandAt(q1 - h, q2).Y) / (2 * h)];
            double[] dq2 = [(arm.HandAt(q1, q2 + h).X - arm.HandAt(q1, q2 - h).X) / (2 * h), (arm.HandAt(q1, q2 + h).Y - arm.HandAt(q1, q2 - h).Y) / (2 * h)];
            Assert.Equal(dq1[0], j[0, 0], 7);
            Assert.Equal(dq1[1], j[1, 0], 7);
            Assert.Equal(dq2[0], j[0, 1], 7);
            Assert.Equal(dq2[1], j[1, 1], 7);
        }
    }

    [Fact]
    public void KineticEnergy_EqualsTheRigidBodyEnergyOfTheTwoSegments()
    {
        // Upper arm: rotation about the shoulder, ½·I1·q̇1². Forearm: its centre of mass moves (velocity by finite
        // differences of its position) and it spins at q̇1 + q̇2 about that centre, with I_c = I2 − m2·s2² (parallel axes).
        var random = Cortex.Tasks.TaskSeeds.Random(12);
        for (var trial = 0; trial < 20; trial++)
        {
            var (q1, q2, v1, v2) = (6 * random.NextDouble(), 3 * random.NextDouble(), 4 * random.NextDouble() - 2, 4 * random.NextDouble() - 2);
            var arm = new TwoLinkArm(P);
            arm.SetState(q1, q2, v1, v2);
            (double X, double Y) Centre(double t) => (P.L1 * Math.Cos(q1 + v1 * t) + P.S2 * Math.Cos(q1 + q2 + (v1 + v2) * t),
                P.L1 * Math.Sin(q1 + v1 * t) + P.S2 * Math.Sin(q1 + q2 + (v1 + v2) * t));
            const double h = 1e-6;
            var (vx, vy) = ((Centre(h).X - Centre(-h).X) / (2 * h), (Centre(h).Y - Centre(-h).Y) / (2 * h));
            var expected = 0.5 * P.I1 * v1 * v1 + 0.5 * P.M2 * (vx * vx + vy * vy) + 0.5 * (P.I2 - P.M2 * P.S2 * P.S2) * (v1 + v2) * (v1 + v2);
            Assert.Equal(expected, arm.KineticEnergy, 8);
        }
    }

    [Fact]
    public void WithoutFrictionAndTorque_EnergyAndShoulderMomentumAreConserved()
    {
        var arm = new TwoLinkArm(P.Frictionless);
        arm.SetState(0.3, 1.2, 2.0, -3.0);
        var energy = arm.KineticEnergy;
        // The shoulder angle is cyclic (M depends on q2 only), so its conjugate momentum (M·q̇)₁ is conserved too.
        double Momentum()
        {
            var m = arm.MassMatrix(arm.Angles.Elbow);
            return m[0, 0] * arm.Velocities.Shoulder + m[0, 1] * arm.Velocities.Elbow;
        }
        var momentum = Momentum();
        for (var step = 0; step < 20_000; step++) arm.Step(0, 0, 1e-4);
        Assert.True(Math.Abs(arm.Velocities.Elbow + 3.0) > 0.1, "the elbow velocity never changed: the coupling is missing");
        Assert.Equal(energy, arm.KineticEnergy, 9);
        Assert.Equal(momentum, Momentum(), 9);
    }

    [Fact]
    public void WorkDoneByTorquesMinusViscousLoss_EqualsTheChangeInKineticEnergy()
    {
        var arm = new TwoLinkArm(P);
        arm.SetState(0.5, 1.0, 0, 0);
        const double dt = 1e-4;
        var work = 0.0;
        for (var step = 0; step < 5000; step++)
        {
            var (t1, t2) = (0.8 * Math.Sin(step * dt * 7), -0.5 + 0.3 * Math.Cos(step * dt * 5));
            var (a1, a2) = arm.Velocities;
            var b = P;
            var before = t1 * a1 + t2 * a2 - (b.B11 * a1 * a1 + 2 * b.B12 * a1 * a2 + b.B22 * a2 * a2);
            arm.Step(t1, t2, dt);
            var (c1, c2) = arm.Velocities;
            var after = t1 * c1 + t2 * c2 - (b.B11 * c1 * c1 + 2 * b.B12 * c1 * c2 + b.B22 * c2 * c2);
            work += 0.5 * (before + after) * dt;
        }
        Assert.True(arm.KineticEnergy > 0.01, $"the arm barely moved ({arm.KineticEnergy} J)");
        Assert.Equal(work, arm.KineticEnergy, 5);
    }
}

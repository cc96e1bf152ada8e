using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>CartPole-v1 against the cart–pole equations solved independently, and its termination and seeding rules.</summary>
public sealed class CartPoleTests
{
    // The cart–pole's equations of motion (Barto, Sutton & Anderson 1983; Florian 2007 for the derivation) as a 2×2 linear
    // system in (ẍ, θ̈), solved by Cramer's rule rather than by Gym's substitution:
    //   (M + m)·ẍ + m·l·cosθ·θ̈ = F + m·l·θ̇²·sinθ
    //   cosθ·ẍ + (4/3)·l·θ̈ = g·sinθ
    private static (double XAcc, double ThetaAcc) Accelerations(double theta, double thetaDot, double force)
    {
        const double cartMass = 1.0, poleMass = 0.1, l = 0.5, g = 9.8;
        double a11 = cartMass + poleMass, a12 = poleMass * l * Math.Cos(theta), b1 = force + poleMass * l * thetaDot * thetaDot * Math.Sin(theta);
        double a21 = Math.Cos(theta), a22 = 4.0 / 3.0 * l, b2 = g * Math.Sin(theta);
        var det = a11 * a22 - a12 * a21;
        return ((b1 * a22 - a12 * b2) / det, (a11 * b2 - a21 * b1) / det);
    }

    [Fact]
    public void Trajectory_MatchesTheEquationsOfMotionIntegratedInTheTest()
    {
        var cartPole = new CartPole();
        cartPole.SetState(0.01, -0.02, 0.03, 0.04);
        double x = 0.01, xDot = -0.02, theta = 0.03, thetaDot = 0.04;
        int[] actions = [1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1];
        foreach (var action in actions)
        {
            var (xAcc, thetaAcc) = Accelerations(theta, thetaDot, action == 1 ? 10 : -10);
            // Explicit Euler with τ = 20 ms, positions from the old velocities (Gym's "euler" integrator).
            (x, xDot, theta, thetaDot) = (x + 0.02 * xDot, xDot + 0.02 * xAcc, theta + 0.02 * thetaDot, thetaDot + 0.02 * thetaAcc);
            var outcome = cartPole.Step(action);
            Assert.False(outcome.Done);
            Assert.Equal(1.0, outcome.Reward);
            Assert.Equal([x, xDot, theta, thetaDot], outcome.Observation, (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Fact]
    public void EpisodeEnds_PastTwelveDegrees_AndPastTwoPointFourMetres_AsTermination()
    {
        var cartPole = new CartPole();
        cartPole.SetState(0, 0, 0.2, 1.0);
        var outcome = cartPole.Step(0);
        Assert.True(outcome.Observation[2] > 12 * Math.PI / 180);
        Assert.True(outcome.Done);
        Assert.False(outcome.Truncated);

        cartPole.SetState(0, 0, 0.2, -0.5);
        outcome = cartPole.Step(1);
        Assert.InRange(outcome.Observation[2], 0, 12 * Math.PI / 180);
        Assert.False(outcome.Done);

        cartPole.SetState(2.39, 1.0, 0, 0);
        outcome = cartPole.Step(1);
        Assert.True(outcome.Observation[0] > 2.4);
        Assert.True(outcome.Done);
        Assert.False(outcome.Truncated);
    }

    [Fact]
    public void BalancedFor500Steps_IsTruncated_NotTerminated()
    {
        var cartPole = new CartPole();
        Assert.Equal(500, cartPole.MaxSteps);
        var observation = cartPole.Reset(7);
        for (var step = 1; ; step++)
        {
            // A linear controller on angle, angular velocity and cart drift keeps the pole up.
            var push = observation[2] + 0.5 * observation[3] + 0.01 * observation[0] + 0.1 * observation[1];
            var outcome = cartPole.Step(push > 0 ? 1 : 0);
            if (outcome.Done)
            {
                Assert.Equal(500, step);
                Assert.True(outcome.Truncated);
                return;
            }
            Assert.False(outcome.Truncated);
            observation = outcome.Observation;
        }
    }

    [Fact]
    public void SameSeed_SameStart_WithinFiveHundredths()
    {
        var a = new CartPole().Reset(11);
        Assert.Equal(a, new CartPole().Reset(11));
        Assert.NotEqual(a, new CartPole().Reset(12));
        Assert.All(a, v => Assert.InRange(v, -0.05, 0.05));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void InvalidAction_NamesTaskStepAndValue(int action)
    {
        var cartPole = new CartPole();
        cartPole.Reset(1);
        cartPole.Step(0);
        cartPole.Step(1);
        var e = Assert.Throws<InvalidActionException>(() => cartPole.Step(action));
        Assert.Equal("cartpole", e.Task);
        Assert.Equal(2, e.Step);
        Assert.Contains($"cartpole: invalid action {action} at step 2", e.Message, StringComparison.Ordinal);
    }
}

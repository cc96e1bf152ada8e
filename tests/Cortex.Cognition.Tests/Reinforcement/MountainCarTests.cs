using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>MountainCar-v0: Gym's update rule recomputed in the test, the goal, the wall, the time limit and the seeding.</summary>
public sealed class MountainCarTests
{
    [Fact]
    public void Trajectory_FollowsGymsUpdateRule()
    {
        var car = new MountainCar();
        var (position, velocity) = (car.Reset(3)[0], 0.0);
        Assert.InRange(position, -0.6, -0.4);
        for (var step = 0; step < 60; step++)
        {
            var action = step / 10 % 3;
            // Gym's mountain_car.py: velocity += (action − 1)·force + cos(3·position)·(−gravity), clipped; then the position.
            velocity = Math.Clamp(velocity + (action - 1) * 0.001 + Math.Cos(3 * position) * -0.0025, -0.07, 0.07);
            position = Math.Clamp(position + velocity, -1.2, 0.6);
            if (position == -1.2 && velocity < 0) velocity = 0;
            var outcome = car.Step(action);
            Assert.Equal(-1.0, outcome.Reward);
            Assert.Equal(position, outcome.Observation[0], 12);
            Assert.Equal(velocity, outcome.Observation[1], 12);
        }
    }

    [Fact]
    public void PushingRightFromTheBottom_NeverClimbs_ButPushingWithTheVelocity_ReachesTheFlag()
    {
        // The car is under-powered (Moore 1990): full throttle up the hill stalls and the episode is cut at 200 steps.
        var car = new MountainCar();
        car.Reset(5);
        StepResult<double[]> outcome;
        var steps = 0;
        do
        {
            outcome = car.Step(2);
            steps++;
        }
        while (!outcome.Done);
        Assert.Equal(200, steps);
        Assert.True(outcome.Truncated);
        Assert.Equal(0, car.EpisodeStatistics["goal_reached"]);

        // Pumping energy in (push the way it moves) gets there well within the limit.
        var observation = car.Reset(5);
        for (steps = 1; ; steps++)
        {
            outcome = car.Step(observation[1] >= 0 ? 2 : 0);
            if (outcome.Done) break;
            observation = outcome.Observation;
        }
        Assert.False(outcome.Truncated);
        Assert.True(outcome.Observation[0] >= 0.5);
        Assert.True(steps < 200);
        Assert.Equal(1, car.EpisodeStatistics["goal_reached"]);
    }

    [Fact]
    public void TheLeftWall_StopsTheCar()
    {
        var car = new MountainCar();
        car.SetState(-1.19, -0.07);
        var outcome = car.Step(0);
        Assert.Equal([-1.2, 0.0], outcome.Observation);
        Assert.False(outcome.Done);
    }

    [Fact]
    public void SameSeed_SameEpisode()
    {
        static List<double> Play(ulong seed)
        {
            var car = new MountainCar();
            var trace = new List<double>(car.Reset(seed));
            for (var step = 0; step < 30; step++) trace.AddRange(car.Step(step % 3).Observation);
            return trace;
        }
        Assert.Equal(Play(9), Play(9));
        Assert.NotEqual(Play(9), Play(10));
    }

    [Fact]
    public void InvalidAction_NamesTaskStepAndValue()
    {
        var car = new MountainCar();
        car.Reset(1);
        car.Step(1);
        var e = Assert.Throws<InvalidActionException>(() => car.Step(3));
        Assert.Contains("mountain_car: invalid action 3 at step 1", e.Message, StringComparison.Ordinal);
    }
}

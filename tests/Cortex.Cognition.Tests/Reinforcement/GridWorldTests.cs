using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>The grid world: moves, borders, walls, rewards and the time limit.</summary>
public sealed class GridWorldTests
{
    private static (double Return, int Steps, bool Reached) Play(GridWorld world, IEnumerable<int> actions)
    {
        world.Reset(0);
        var (total, steps) = (0.0, 0);
        foreach (var action in actions)
        {
            var outcome = world.Step(action);
            total += outcome.Reward;
            steps++;
            if (outcome.Done) return (total, steps, !outcome.Truncated);
        }
        return (total, steps, false);
    }

    [Fact]
    public void TheShortestPath_EarnsOneMinusTheCostOfItsOtherMoves()
    {
        var world = new GridWorld();
        // 4 moves down and 4 right: 7 cost 0.01, the 8th reaches the goal.
        var (total, steps, reached) = Play(world, [2, 2, 2, 2, 1, 1, 1, 1]);
        Assert.True(reached);
        Assert.Equal(8, steps);
        Assert.Equal(1 - 7 * 0.01, total, 12);
        Assert.Equal(total, world.ShortestPathReturn, 12);
    }

    [Fact]
    public void BordersAndWalls_LeaveTheAgentInPlace()
    {
        var world = new GridWorld(walls: true);
        world.Reset(0);
        Assert.Equal([0.0, 0.0], world.Step(0).Observation); // up, into the border
        Assert.Equal([0.0, 0.0], world.Step(3).Observation); // left, into the border
        Assert.Equal([0.0, 1.0], world.Step(1).Observation);
        Assert.True(world.IsWall(0, 2));
        Assert.Equal([0.0, 1.0], world.Step(1).Observation); // right, into the wall
        Assert.False(world.IsWall(4, 2));
        // Round the wall at the bottom: the shortest path is as long as without it.
        var (total, _, reached) = Play(world, [2, 2, 2, 2, 1, 1, 1, 1]);
        Assert.True(reached);
        Assert.Equal(world.ShortestPathReturn, total, 12);
    }

    [Fact]
    public void TheStepLimit_TruncatesTheEpisode()
    {
        var world = new GridWorld(maxSteps: 12);
        var (total, steps, reached) = Play(world, Enumerable.Repeat(0, 100));
        Assert.False(reached);
        Assert.Equal(12, steps);
        Assert.Equal(-0.12, total, 12);
        Assert.Equal(0, world.EpisodeStatistics["goal_reached"]);
    }

    [Fact]
    public void SameSeed_SameEpisode()
    {
        int[] actions = [1, 2, 2, 3, 1, 1, 0, 2, 2, 1];
        Assert.Equal(Play(new GridWorld(), actions), Play(new GridWorld(), actions));
    }

    [Fact]
    public void InvalidAction_NamesTaskStepAndValue()
    {
        var world = new GridWorld();
        world.Reset(0);
        var e = Assert.Throws<InvalidActionException>(() => world.Step(4));
        Assert.Contains("grid_world: invalid action 4 at step 0", e.Message, StringComparison.Ordinal);
    }
}

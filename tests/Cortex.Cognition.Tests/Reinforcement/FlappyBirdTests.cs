using Cortex.Cognition.Reinforcement.Environments;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests.Reinforcement;

/// <summary>The pipe game: gravity and flaps frame by frame, scoring a passed pipe, crashing into pipes and the ground.</summary>
public sealed class FlappyBirdTests
{
    [Fact]
    public void Gliding_Falls_UnderGravity_AndAFlap_Rises()
    {
        var game = new FlappyBird();
        game.SetState(200, 0, []);
        game.Step(0);
        // Two frames: speed 1 then 2 px/frame, so 3 px down.
        Assert.Equal(203, game.BirdY, 12);
        Assert.Equal(2, game.BirdSpeed, 12);
        game.Step(1);
        // A flap sets −9, the next frame adds gravity: −9 − 8 = 17 px up.
        Assert.Equal(186, game.BirdY, 12);
        Assert.Equal(-8, game.BirdSpeed, 12);
        // Falling is capped at 10 px/frame.
        game.SetState(100, 9.5, []);
        game.Step(0);
        Assert.Equal(120, game.BirdY, 12);
    }

    [Fact]
    public void PassingAPipe_ScoresOne()
    {
        var game = new FlappyBird();
        // The pipe's right edge (252) is 3 px short of passing the bird's left edge (250); the bird is inside its gap.
        game.SetState(200, -1, [(172, 150)]);
        var outcome = game.Step(0);
        Assert.False(outcome.Done);
        Assert.Equal(1, game.Pipes);
        Assert.Equal(1, game.EpisodeStatistics["pipes"]);
        Assert.True(outcome.Reward > -1);
        game.Step(0);
        Assert.Equal(1, game.Pipes);
    }

    [Fact]
    public void HittingAPipe_OrTheGround_EndsTheEpisode()
    {
        var game = new FlappyBird();
        // The pipe overlaps the bird horizontally and its gap (300–428 px) is below the bird (200–232 px).
        game.SetState(200, 0, [(260, 300)]);
        var outcome = game.Step(0);
        Assert.True(outcome.Done);
        Assert.False(outcome.Truncated);
        Assert.Equal(-1, outcome.Reward);

        game.SetState(FlappyBird.Height - FlappyBird.BirdSize - 5, 5, []);
        outcome = game.Step(0);
        Assert.True(outcome.Done);
        Assert.Equal(-1, outcome.Reward);
        Assert.Throws<InvalidOperationException>(() => game.Step(0));
    }

    [Fact]
    public void NeverFlapping_CrashesIntoTheGround()
    {
        // From the middle (top edge at 240 px) the ground is 240 px away: 1 + 2 + … + 10 = 55 px in the first 10 frames,
        // then 10 px per frame, so the bird touches it in frame 10 + ⌈185 / 10⌉ = 29, the first frame of step 15.
        var game = new FlappyBird();
        game.Reset(1);
        var steps = 0;
        while (!game.Step(0).Done) steps++;
        Assert.Equal(14, steps);
        Assert.Equal(0, game.Pipes);
    }

    [Fact]
    public void SameSeed_SameEpisode()
    {
        static List<double> Play(ulong seed)
        {
            var game = new FlappyBird(maxSteps: 200);
            var trace = new List<double>(game.Reset(seed));
            for (var step = 0; step < 200; step++)
            {
                // Flap whenever the bird is below its gap's centre: enough to meet several pipes.
                var outcome = game.Step(trace[^2] > 0 ? 1 : 0);
                trace.AddRange(outcome.Observation);
                if (outcome.Done) break;
            }
            trace.AddRange(game.PipesOnScreen.Select(p => p.GapTop));
            return trace;
        }
        Assert.Equal(Play(4), Play(4));
        Assert.NotEqual(Play(4), Play(5));
    }

    [Fact]
    public void InvalidAction_NamesTaskStepAndValue()
    {
        var game = new FlappyBird();
        game.Reset(1);
        game.Step(1);
        var e = Assert.Throws<InvalidActionException>(() => game.Step(2));
        Assert.Contains("flappy: invalid action 2 at step 1", e.Message, StringComparison.Ordinal);
    }
}

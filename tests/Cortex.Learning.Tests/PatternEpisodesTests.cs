using Cortex.Learning.PatternCompletion;

namespace Cortex.Learning.Tests;

/// <summary>The pattern-completion episodes have the paper's structure and come from per-episode seeded streams.</summary>
public sealed class PatternEpisodesTests
{
    private static readonly PatternCompletionTask Small = new()
    {
        Patterns = 3, PatternSize = 10, PresentationSteps = 2, GapSteps = 1, Cycles = 2, TestSteps = 2, DegradedFraction = 0.5, InputGain = 20,
    };

    [TorchFact]
    public void Each_cycle_shows_every_pattern_then_the_test_shows_one_with_half_its_bits_zeroed()
    {
        Assert.Equal(2 * 3 * (2 + 1) + 2, Small.Steps);
        using var batch = new PatternEpisodes(Small, seed: 4, PatternEpisodes.TrainingStream).Draw(0, 5);
        Assert.Equal([20L, 5L, 10L], batch.Inputs.shape);
        var inputs = batch.Inputs.data<float>().ToArray();
        for (var b = 0; b < 5; b++)
        {
            float[] Row(int t) => inputs.AsSpan((t * 5 + b) * 10, 10).ToArray();
            var target = batch.Targets[b].data<float>().ToArray();
            var missing = batch.Missing[b].data<float>().ToArray();
            Assert.All(target, bit => Assert.True(bit is 1f or -1f));
            var shown = new List<float[]>();
            for (var cycle = 0; cycle < 2; cycle++)
            {
                var inCycle = new List<float[]>();
                for (var p = 0; p < 3; p++)
                {
                    var start = (cycle * 3 + p) * 3;
                    var pattern = Row(start);
                    Assert.All(pattern, v => Assert.True(v is 20f or -20f, $"episode {b}, step {start}: {v} is not ±gain"));
                    Assert.Equal(pattern, Row(start + 1));
                    Assert.All(Row(start + 2), v => Assert.Equal(0f, v));   // the gap
                    inCycle.Add(pattern);
                }
                // Three distinct patterns per cycle, the same set in both cycles (random patterns of 10 bits rarely coincide).
                Assert.Equal(3, inCycle.Select(p => string.Join(",", p)).Distinct().Count());
                if (cycle == 0) shown = inCycle;
                else Assert.Equal(shown.Select(p => string.Join(",", p)).Order(), inCycle.Select(p => string.Join(",", p)).Order());
            }
            Assert.Contains(shown, p => p.SequenceEqual(target.Select(bit => bit * 20)));
            Assert.Equal(5, missing.Count(m => m == 1));
            foreach (var t in new[] { 18, 19 })
            {
                var test = Row(t);
                for (var i = 0; i < 10; i++) Assert.Equal(missing[i] == 1 ? 0f : target[i] * 20, test[i]);
            }
        }
    }

    [TorchFact]
    public void An_episode_is_the_same_whatever_batch_it_is_drawn_in_and_streams_differ()
    {
        var training = new PatternEpisodes(Small, seed: 4, PatternEpisodes.TrainingStream);
        using var four = training.Draw(0, 4);
        using var third = training.Draw(2, 1);
        Assert.True(four.Inputs[.., 2].eq(third.Inputs[.., 0]).all().item<bool>());
        Assert.True(four.Targets[2].eq(third.Targets[0]).all().item<bool>());
        Assert.True(four.Missing[2].eq(third.Missing[0]).all().item<bool>());

        using var evaluation = new PatternEpisodes(Small, seed: 4, PatternEpisodes.EvaluationStream).Draw(0, 4);
        using var otherSeed = new PatternEpisodes(Small, seed: 5, PatternEpisodes.TrainingStream).Draw(0, 4);
        Assert.False(four.Inputs.eq(evaluation.Inputs).all().item<bool>());
        Assert.False(four.Inputs.eq(otherSeed.Inputs).all().item<bool>());
    }
}

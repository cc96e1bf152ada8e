using Cortex.Learning.PatternCompletion;

namespace Cortex.Learning.Tests;

/// <summary>
/// The pattern-completion experiment of Miconi, Clune &amp; Stanley (2018) at a CPU-sized scale: the plastic
/// network learns to complete degraded patterns, the same network without plasticity cannot, and runs repeat
/// exactly. They set torch's thread count, so they run alone.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class PatternCompletionTrainingTests
{
    [TorchFact]
    public void Plastic_network_learns_to_complete_patterns_and_the_non_plastic_control_does_not()
    {
        // The paper's task and timing (5 patterns, 2 cycles of 6 steps on and 4 off, 6 test steps, half the
        // bits zeroed) with 100-bit patterns instead of 1000, and 480 episodes: a few seconds per network.
        var config = new PatternCompletionConfig
        {
            Name = "test", Task = new PatternCompletionTask { PatternSize = 100 },
            Episodes = 480, BatchSize = 4, LearningRate = 0.003, Seed = 1, Threads = 1, EvaluationEpisodes = 100,
        };
        using var plastic = PatternCompletionTrainer.Create(config, plastic: true);
        plastic.Run();
        var learned = plastic.Evaluate();
        using var control = PatternCompletionTrainer.Create(config, plastic: false);
        control.Run();
        var fixedWeights = control.Evaluate();

        // Before training the zeroed bits are guessed at chance: the score below is learned within this test.
        Assert.True(plastic.History[0].Score.MissingAgreement < 0.7, $"first batch already recalls {plastic.History[0].Score.MissingAgreement:P1} of the zeroed bits");
        // The paper's criterion is the sign error over all bits; 5 % error leaves room for the smaller
        // patterns (the recall signal grows with the pattern size, the crosstalk of the other patterns too, but slower).
        Assert.True(learned.Agreement >= 0.95, $"plastic: {learned}");
        Assert.True(learned.MissingAgreement >= 0.88, $"plastic: {learned}");
        // Fixed weights cannot store patterns drawn anew each episode: the shown half is copied, the zeroed half is
        // guessed (chance 0.5 there, 0.75 over all bits; holding the last pattern shown would reach at best 0.6 and 0.8).
        Assert.True(fixedWeights.MissingAgreement <= 0.65, $"control: {fixedWeights}");
        Assert.True(fixedWeights.Agreement <= 0.8, $"control: {fixedWeights}");
        Assert.True(learned.Loss < fixedWeights.Loss / 2, $"plastic loss {learned.Loss}, control loss {fixedWeights.Loss}");
    }

    [TorchFact]
    public void Same_seed_gives_the_same_loss_curve_and_another_seed_another()
    {
        var config = new PatternCompletionConfig
        {
            Name = "test", Task = new PatternCompletionTask { PatternSize = 24, Cycles = 1 },
            Episodes = 24, BatchSize = 4, LearningRate = 0.01, Seed = 3, Threads = 1, EvaluationEpisodes = 8,
        };
        var first = Curve(config);
        var second = Curve(config);
        Assert.Equal(6 + 1, first.Count);   // six steps of four episodes, then the evaluation
        Assert.Equal(first, second);
        Assert.NotEqual(first, Curve(config with { Seed = 4 }));
    }

    private static List<double> Curve(PatternCompletionConfig config)
    {
        using var trainer = PatternCompletionTrainer.Create(config, plastic: true);
        return [.. trainer.Run().Select(step => step.Score.Loss), trainer.Evaluate().Loss];
    }
}

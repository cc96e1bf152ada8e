using Cortex.Cognition.Decision;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>
/// One small run of the task shared by the behaviour tests: the task's defaults (400 neurons with weights scaled by
/// 2000/N, dt = 0.25 ms, coherences 0, 12.8, 25.6 and 51.2 %, 10 trials each).
/// </summary>
public sealed class DecisionRunFixture : IDisposable
{
    public const int Trials = 10;

    public DecisionRunFixture()
    {
        Output = Directory.CreateTempSubdirectory("decision-test").FullName;
        var task = Runtime.Registry.Tasks["decision"];
        var context = new TaskContext
        {
            Seed = 3,
            Parameters = task.ResolveParameters(new Dictionary<string, string>()),
            Registry = Runtime.Registry,
            Backend = Runtime.Registry.GetBackend("cpu"),
            OutputDirectory = Output,
        };
        using var run = (DecisionRun)task.Create(context);
        Result = run.RunEpisode(1);
        Outcomes = [.. run.Trials];
        Table = new PsychometricTable(Outcomes);
    }

    public string Output { get; }
    public EpisodeResult Result { get; }
    public IReadOnlyList<TrialOutcome> Outcomes { get; }
    public PsychometricTable Table { get; }

    public void Dispose() => Directory.Delete(Output, true);
}

/// <summary>What Wang's network must show on a small configuration: accuracy up and reaction time down with coherence, no bias at 0 %.</summary>
public sealed class DecisionBehaviourTests(DecisionRunFixture run) : IClassFixture<DecisionRunFixture>
{
    [Fact]
    public void Accuracy_RisesWithCoherence()
    {
        var levels = run.Table.Levels;
        Assert.Equal([0, 0.128, 0.256, 0.512], levels.Select(l => Math.Round(l.Coherence, 6)));
        Assert.All(levels, l => Assert.Equal(DecisionRunFixture.Trials, l.Trials));
        // Non-strict: a higher level may score below the one before only by an amount a one-sided two-proportion z-test
        // at 5 % would put down to chance (z < 1.645 with the pooled proportion), since each level has only 10 trials.
        for (var i = 1; i < levels.Count; i++)
        {
            var drop = levels[i - 1].Accuracy - levels[i].Accuracy;
            var pooled = (levels[i - 1].Correct + levels[i].Correct) / (2.0 * DecisionRunFixture.Trials);
            var se = Math.Sqrt(pooled * (1 - pooled) * 2 / DecisionRunFixture.Trials);
            Assert.True(drop <= 0 || drop < 1.645 * se, $"accuracy {levels[i - 1].Accuracy} then {levels[i].Accuracy}");
        }
        Assert.True(levels[^1].Accuracy > levels[0].Accuracy, $"accuracy {levels[0].Accuracy} at 0 %, {levels[^1].Accuracy} at 51.2 %");
        // The strongest motion is discriminated well above chance: at least 9 of 10 (p = 0.011 for a fair coin).
        Assert.True(levels[^1].Accuracy >= 0.9, $"accuracy at 51.2 % was {levels[^1].Accuracy}");
    }

    [Fact]
    public void ReactionTime_FallsWithCoherence()
    {
        // Undecided trials count with the stimulus duration, a lower bound on their reaction time, so slow levels are not
        // flattered by leaving out their slowest trials.
        double Censored(double c) => run.Outcomes.Where(t => Math.Abs(t.Coherence - c) < 1e-9).Average(t => t.ReactionMs);
        Assert.True(Censored(0.512) < Censored(0), $"RT {Censored(0)} ms at 0 %, {Censored(0.512)} ms at 51.2 %");
        Assert.True(Censored(0.512) <= Censored(0.256) + 100, $"RT {Censored(0.256)} ms at 25.6 %, {Censored(0.512)} ms at 51.2 %");
    }

    [Fact]
    public void ZeroCoherence_ChoicesAreBalanced()
    {
        var zero = run.Table.Levels[0];
        // Two-sided exact binomial test against p = 0.5, computed here from the binomial coefficients.
        var k = Math.Min(zero.ChoseA, zero.Trials - zero.ChoseA);
        var tail = 0.0;
        for (var i = 0; i <= k; i++) tail += Choose(zero.Trials, i) * Math.Pow(0.5, zero.Trials);
        Assert.True(Math.Min(1, 2 * tail) > 0.01, $"{zero.ChoseA} of {zero.Trials} chose A");
    }

    [Fact]
    public void WeibullThreshold_LiesBelowTheReliablyDiscriminatedCoherence()
    {
        // With no level below 12.8 % the threshold is only bounded, not located: the check is that it lies below the
        // strongest coherence and that the fit predicts the accuracy there. Wang's α ≈ 9.2 % (±35 %) is compared with the
        // full configuration's (2000 neurons, six levels down to 3.2 %) in the notes.
        Assert.InRange(run.Result.Score, 0, 51.2);
        Assert.True(WeibullFit.Probability(0.512, run.Table.Alpha, run.Table.Beta) >= 0.9);
        Assert.Equal(run.Table.Alpha * 100, run.Result.Metrics["weibull_alpha_percent"], 9);
    }

    [Fact]
    public void TheFigures_AreWritten()
    {
        Assert.True(new FileInfo(Path.Combine(run.Output, DecisionPlots.Psychometric)).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(run.Output, DecisionPlots.Chronometric)).Length > 1000);
    }

    [Fact]
    public void TheSpontaneousState_IsWangsLowRateState()
    {
        // Wang (2002): pyramidal cells fire at about 2 Hz before the stimulus (interneurons faster).
        Assert.InRange(run.Result.Metrics["spontaneous_hz_pyramidal"], 0.5, 5);
        Assert.True(run.Result.Metrics["spontaneous_hz_interneuron"] > run.Result.Metrics["spontaneous_hz_pyramidal"]);
    }

    [Fact]
    public void SimulatedTime_IsTheSettlingPlusEveryTrialsLeadInAndStimulus()
    {
        // 300 ms settling, then per trial a 100 ms lead-in and the stimulus up to the decision (or its 1 s end).
        var expected = 0.3 + run.Outcomes.Sum(t => 0.1 + t.ReactionMs / 1000);
        Assert.Equal(expected, run.Result.Metrics["simulated_s"], 6);
    }

    private static double Choose(int n, int k)
    {
        var c = 1.0;
        for (var i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }
}

using Cortex.Cognition.ActionSelection;
using Cortex.Tasks;
using Xunit.Abstractions;

namespace Cortex.Cognition.Tests;

/// <summary>
/// The <c>action_selection</c> task: the basal ganglia pick the most salient action and follow its changes; with dopamine
/// depleted selection degrades, as Humphries, Stewart &amp; Gurney (2006, J Neurosci 26:12921, Fig. 9) and Gurney,
/// Prescott &amp; Redgrave (2001b) report for low tonic dopamine.
/// </summary>
public sealed class ActionSelectionTests(ITestOutputHelper output)
{
    private static TaskModel Task => Runtime.Registry.Tasks["action_selection"];

    private static ActionSelectionSettings Defaults => ActionSelectionSettings.From(Task.ResolveParameters(new Dictionary<string, string>()));

    private EpisodeResult Run(string? folder, params (string, string)[] settings)
    {
        using var run = Task.Create(Runtime.TaskContext("action_selection", 1, 1, folder, settings));
        var result = run.RunEpisode(1);
        output.WriteLine($"{string.Join(", ", settings.Select(s => $"{s.Item1}={s.Item2}"))}: accuracy {result.Score:0.000}, " +
            string.Join(", ", result.Metrics.Select(m => $"{m.Key} {m.Value:0.###}")));
        return result;
    }

    [Fact]
    public void TheMostSalientAction_IsSelected_AndSelectionFollowsEverySwitch_WithinAFewHundredMilliseconds()
    {
        var folder = Directory.CreateTempSubdirectory("action-selection-test-");
        try
        {
            var result = Run(folder.FullName);
            // Chance is 1/3. The bar is 0.8: once settled, the winner's GPi block is silenced well below the threshold
            // (the circuit's own tests show it) and only spike-count noise in a 30 ms window can flip a bin.
            Assert.True(result.Score >= 0.8, $"accuracy {result.Score}");
            Assert.True(result.Metrics["accuracy_all_clear_bins"] > 1.0 / 3, "no better than chance even counting the switches");
            Assert.Equal(result.Metrics["switches"], result.Metrics["switches_followed"]);
            Assert.True(result.Metrics["switches"] >= 3, $"only {result.Metrics["switches"]} switches");
            Assert.InRange(result.Metrics["latency_mean_ms"], 1, 200);
            foreach (var (name, value) in result.Metrics.Where(m => m.Key.StartsWith("latency_ms_", StringComparison.Ordinal)))
                Assert.True(value is > 0 and <= 300, $"{name} = {value} ms");
            // The tonic GPi rate is tens of Hz (Humphries et al. 2006; the circuit's own tests: 20–100 Hz).
            Assert.InRange(result.Metrics["tonic_gpi_hz"], 20, 100);
            Assert.True(new FileInfo(Path.Combine(folder.FullName, ActionSelectionTask.FigureFile)).Length > 1000, "no figure");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void WithDopamineDepleted_SelectionDegrades()
    {
        var normal = Run(null);
        var depleted = Run(null, ("dopamine", "0"));
        // Without dopamine the D1 (direct) pathway loses gain and D2 (indirect) gains it: the winner is no longer released.
        Assert.True(depleted.Score < normal.Score - 0.2, $"accuracy {depleted.Score} with dopamine depleted vs {normal.Score} normally");
    }

    [Fact]
    public void TheSchedule_SwapsTheWinnerEveryPhase_AndHasOneIntervalWithoutAClearWinner()
    {
        var settings = Defaults with { Phases = 12 };
        var phases = SalienceSchedule.Draw(settings, 5);
        Assert.Equal(phases, SalienceSchedule.Draw(settings, 5), (a, b) => a.Saliences.SequenceEqual(b.Saliences));
        Assert.NotEqual(phases.Select(p => p.Winner), SalienceSchedule.Draw(settings, 6).Select(p => p.Winner));
        Assert.Null(phases[2].Winner);
        Assert.Equal(2, phases[2].Saliences.Count(s => s == phases[2].Saliences.Max()));
        int? previous = null;
        for (var p = 0; p < phases.Count; p++)
        {
            Assert.Equal(p * settings.PhaseMs, phases[p].StartMs);
            if (p == 2) continue;
            Assert.Equal([settings.SalienceLow, settings.SalienceMid, settings.SalienceHigh], phases[p].Saliences.Order());
            Assert.NotEqual(previous, phases[p].Winner);
            previous = phases[p].Winner;
        }
    }

    [Fact]
    public void Accuracy_AndLatency_AreCountedAsDefined()
    {
        // Two 100 ms phases of 10 ms bins, settle 30 ms: winner 0, then winner 2. Selections are written by hand.
        var settings = Defaults with { Phases = 2, PhaseMs = 100, BinMs = 10, SettleMs = 30 };
        using var selector = new BasalGangliaSelector(Runtime.TaskContext("action_selection", 1), settings);
        var metrics = new ActionSelectionMetrics(settings, selector);
        SaliencePhase first = new(0, [40, 20, 10]), second = new(100, [10, 20, 40]);
        int[] selected = [-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, /* second phase */ 0, 0, 0, -1, 2, 2, 2, 2, 1, 2];
        metrics.Reset();
        for (var b = 0; b < selected.Length; b++)
        {
            var observation = new SalienceObservation(b, b * 10, b / 10, b < 10 ? first : second);
            metrics.Record(observation, selected[b], new StepResult<SalienceObservation>(observation, 0, false));
        }
        var score = metrics.Complete();
        // Settled bins: 3–9 (6 of 7 correct) and 13–19 (5 of 7 correct).
        Assert.Equal(11.0 / 14, score.Score, 12);
        Assert.Equal((8.0 + 5) / 20, score.Metrics["accuracy_all_clear_bins"], 12);
        // The second phase starts at 100 ms; bin 14 (140–150 ms) is the first to select action 2.
        Assert.Equal(50, score.Metrics["latency_ms_1"], 12);
        Assert.Equal(1, score.Metrics["switches_followed"]);
    }

    [Fact]
    public void AnActionThatIsNoChannel_IsAnInvalidAction()
    {
        var schedule = new SalienceSchedule(Defaults);
        schedule.Reset(1);
        schedule.Step(-1);
        var e = Assert.Throws<InvalidActionException>(() => schedule.Step(3));
        Assert.Equal("action_selection", e.Task);
        Assert.Equal(1, e.Step);
        Assert.Equal("3", e.Value);
    }

    [Theory]
    [InlineData("actions", "1", "actions: must be >= 2")]
    [InlineData("phases", "2.5", "phases: must be a whole number")]
    [InlineData("salience_mid", "50 Hz", "salience_high: must exceed salience_mid")]
    [InlineData("threshold", "1.2", "threshold: must be below 1")]
    [InlineData("settle", "500 ms", "settle: must be shorter than a phase")]
    [InlineData("window", "5 ms", "window: must be at least one bin")]
    [InlineData("dopamine", "-0.1", "dopamine: must be >= 0")]
    [InlineData("dopamin", "0", "dopamin: unknown parameter")]
    public void BadParameters_AreNamed(string key, string value, string message)
    {
        var e = Assert.Throws<TaskParameterException>(() => Task.ResolveParameters(new Dictionary<string, string> { [key] = value }));
        Assert.StartsWith("task 'action_selection': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

using Cortex.Cognition.Motor;
using Cortex.Tasks;
using Xunit.Abstractions;

namespace Cortex.Cognition.Tests;

/// <summary>The <c>reach</c> task end to end: the default configuration reaches all targets; bad input is named.</summary>
public sealed class ReachTaskTests(ITestOutputHelper output)
{
    private static TaskModel Reach => Runtime.Registry.Tasks["reach"];

    [Fact]
    public void TheDefaultConfiguration_ReachesEveryTarget_WithinOneCentimetre_InOneSecond_AndDrawsThePaths()
    {
        var folder = Directory.CreateTempSubdirectory("reach-test-");
        try
        {
            var context = Runtime.TaskContext("reach", 1, outputDirectory: folder.FullName);
            using var run = Reach.Create(context);
            var result = run.RunEpisode(1);
            var settings = ReachSettings.From(context.Parameters);
            for (var k = 0; k < settings.Targets; k++)
                output.WriteLine($"target {k}: final error {result.Metrics[$"final_error_cm_{k}"]:0.000} cm, time to target {result.Metrics[$"time_to_target_ms_{k}"]:0} ms");
            Assert.True(result.Score <= 1, $"mean final error {result.Score} cm");
            // Every target is reached (within 1 cm and staying) before the reach's 1 s is up, and the hand did travel.
            Assert.Equal(8, result.Metrics["targets_reached"]);
            for (var k = 0; k < settings.Targets; k++) Assert.InRange(result.Metrics[$"time_to_target_ms_{k}"], 50, settings.ReachMs - 1);
            Assert.Equal(result.Score, Enumerable.Range(0, 8).Average(k => result.Metrics[$"final_error_cm_{k}"]), 9);
            var png = new FileInfo(Path.Combine(folder.FullName, ReachTask.TrajectoryFile));
            Assert.True(png.Exists && png.Length > 1000, "no trajectory figure");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void FinalError_AndTimeToTarget_AreCountedAsDefined()
    {
        // Two reaches of 1 ms steps (dt = 1 ms) with hand distances written by hand (cm): the first enters the 1 cm
        // circle, leaves it and comes back to stay from step 4 (t = 5 ms); the second never settles.
        var settings = ReachSettings.From(Reach.ResolveParameters(new Dictionary<string, string> { ["dt"] = "1 ms", ["targets"] = "2" }));
        double[][] distances = [[5, 0.5, 0.8, 2, 0.9, 0.4, 0.3], [8, 4, 2, 1.5]];
        var metrics = new ReachMetrics(settings);
        metrics.Reset();
        for (var k = 0; k < distances.Length; k++)
            foreach (var d in distances[k])
            {
                var after = new ReachObservation(k, 0, d / 100, 0, 0, 0, 0, 0);
                metrics.Record(after, default, new StepResult<ReachObservation>(after, 0, false));
            }
        var score = metrics.Complete();
        Assert.Equal(0.3, score.Metrics["final_error_cm_0"], 12);
        Assert.Equal(5, score.Metrics["time_to_target_ms_0"], 12);
        Assert.Equal(1.5, score.Metrics["final_error_cm_1"], 12);
        Assert.Equal(4, score.Metrics["time_to_target_ms_1"], 12);
        Assert.Equal(1, score.Metrics["targets_reached"]);
        Assert.Equal((0.3 + 1.5) / 2, score.Score, 12);
    }

    [Fact]
    public void TheScore_DoesNotDependOnTheThreadCount()
    {
        (string, string)[] small = [("targets", "2"), ("reach", "200 ms"), ("neurons", "50")];
        double Score(int threads)
        {
            using var run = Reach.Create(Runtime.TaskContext("reach", 4, threads, null, small));
            return run.RunEpisode(1).Score;
        }
        Assert.Equal(Score(1), Score(2));
    }

    [Fact]
    public void ANanTorque_IsAnInvalidAction_NamingTaskStepAndValue()
    {
        var settings = ReachSettings.From(Reach.ResolveParameters(new Dictionary<string, string>()));
        var reaching = new CenterOutReaching(settings);
        reaching.Reset(1);
        for (var step = 0; step < 3; step++) reaching.Step(new ArmTorque(0.1, 0));
        var e = Assert.Throws<InvalidActionException>(() => reaching.Step(new ArmTorque(double.NaN, 0.2)));
        Assert.Equal("reach", e.Task);
        Assert.Equal(3, e.Step);
        Assert.Contains("NaN", e.Value, StringComparison.Ordinal);
        Assert.StartsWith("reach: invalid action (shoulder NaN, elbow 0.2) N·m at step 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidActionException>(() => reaching.Step(new ArmTorque(0, double.PositiveInfinity)));
    }

    [Theory]
    [InlineData("neurons", "20.5", "neurons: must be a whole number")]
    [InlineData("start_elbow_deg", "180", "start_elbow_deg: must be between 10 and 170")]
    [InlineData("rate_max", "450 Hz", "rate_max: must be below 400 Hz")]
    [InlineData("rate_min", "300 Hz", "rate_min: must not exceed rate_max")]
    [InlineData("dt", "2 ms", "dt: must be at most 1 ms")]
    [InlineData("kp", "-5", "kp: must be >= 0")]
    [InlineData("radius", "10", "radius: unknown parameter")]
    public void BadParameters_AreNamed(string key, string value, string message)
    {
        var e = Assert.Throws<TaskParameterException>(() => Reach.ResolveParameters(new Dictionary<string, string> { [key] = value }));
        Assert.StartsWith("task 'reach': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(e.Errors).Path);
    }
}

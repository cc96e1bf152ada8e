using Cortex.Cognition.Decision;
using Cortex.Tasks;

namespace Cortex.Cognition.Tests;

/// <summary>The decision task's parameters: every bad value is named.</summary>
public sealed class DecisionTaskTests
{
    private static TaskModel Decision => Runtime.Registry.Tasks["decision"];

    [Theory]
    [InlineData("neurons", "400.5", "neurons: must be a whole number")]
    [InlineData("neurons", "20", "neurons: must be at least 50")]
    [InlineData("f", "0.6", "f: must be below 0.5")]
    [InlineData("levels", "1", "levels: must be at least 2")]
    [InlineData("max_coherence", "120", "max_coherence: must be at most 100 %")]
    [InlineData("dt", "0.3 ms", "dt: must divide the 0.5 ms synaptic delay")]
    [InlineData("threshold", "15", "threshold: expected a frequency")]
    [InlineData("treshold", "15 Hz", "treshold: unknown parameter (did you mean 'threshold'?)")]
    [InlineData("sigma", "-1 Hz", "sigma:")]
    public void BadSettings_AreNamed(string key, string value, string message)
    {
        var e = Assert.Throws<TaskParameterException>(() => Decision.ResolveParameters(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(key, Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void Coherences_AreZeroAndAHalvingSeries()
    {
        var settings = DecisionSettings.From(Decision.ResolveParameters(new Dictionary<string, string> { ["levels"] = "6" }));
        Assert.Equal([0, 0.032, 0.064, 0.128, 0.256, 0.512], settings.Coherences.Select(c => Math.Round(c, 6)));
    }

    [Fact]
    public void Trials_AreTheSameWhateverTheThreadCount()
    {
        List<TrialOutcome> Run(int threads)
        {
            var context = new TaskContext
            {
                Seed = 9,
                Parameters = Decision.ResolveParameters(new Dictionary<string, string>
                {
                    ["neurons"] = "100", ["trials"] = "2", ["levels"] = "2", ["stimulus"] = "300 ms", ["settle"] = "100 ms",
                }),
                Registry = Runtime.Registry,
                Backend = Runtime.Registry.GetBackend("cpu"),
                Threads = threads,
            };
            using var run = (DecisionRun)Decision.Create(context);
            run.RunEpisode(1);
            return [.. run.Trials];
        }
        var one = Run(1);
        var two = Run(2);
        Assert.Equal(4, one.Count);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i] with { EndRatesHz = [] }, two[i] with { EndRatesHz = [] });
            Assert.Equal(one[i].EndRatesHz, two[i].EndRatesHz);
        }
    }
}

using Cortex.Spec;
using Xunit.Abstractions;
using static Cortex.BrainRegions.Tests.BasalGanglia.BasalGangliaHarness;

namespace Cortex.BrainRegions.Tests.BasalGanglia;

/// <summary><c>examples/basal_ganglia.json</c> (what <c>cortex run</c> is shown with) selects, then switches at 1 s.</summary>
public sealed class BasalGangliaExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void TheExample_SelectsTheMostSalientChannel_AndSwitchesWhenTheSaliencesSwap()
    {
        var spec = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "basal_ganglia.json"));
        var (network, sink) = Runtime.Run(spec);
        // Channel 2 gets 40 Hz until 1 s, then channel 0 does (the others 20 and 10 Hz).
        var first = ChannelRates(network, sink, "bg.gpi", 3, 200, 1000);
        var second = ChannelRates(network, sink, "bg.gpi", 3, 1200, 2000);
        output.WriteLine($"GPi 0.2–1 s: {string.Join(", ", first.Select(r => $"{r:0.0}"))} Hz; 1.2–2 s: {string.Join(", ", second.Select(r => $"{r:0.0}"))} Hz");
        Assert.Equal(2, Array.IndexOf(first, first.Min()));
        Assert.Equal(0, Array.IndexOf(second, second.Min()));
        Assert.True(first[2] < 0.5 * first[..2].Min() && second[0] < 0.5 * second[1..].Min(), "the selected channel is not clearly below the others");
    }
}

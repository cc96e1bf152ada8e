using System.Text.Json;
using Cortex.Simulation;
using Xunit;

namespace Cortex.Tests.Simulation;

/// <summary>
/// summary.json is written by hand with Utf8JsonWriter (no generic serializer code to JIT-compile at the end of a run);
/// its text must stay exactly what System.Text.Json's source-generated serializer writes for the same summary, which
/// also reads it back.
/// </summary>
public sealed class RunSummaryJsonTests
{
    private static RunSummary Summary(params PopulationSummary[] populations) => new()
    {
        Network = "cuba \"quoted\" <b>Ströme</b>", Backend = "cpu", Threads = 2, Seed = ulong.MaxValue, DtMs = 0.1, Steps = 10_000,
        Synapses = 319_620, BuildSeconds = 0.0123456789, SimulationSeconds = 1e-7, Populations = populations,
    };

    private static readonly RunSummary[] Summaries =
    [
        Summary(new PopulationSummary("exc", 3200, 18_000, 5.625, 0.91), new PopulationSummary("inh", 800, 5028, 6.285, null)),
        Summary(new PopulationSummary("[red]", 1, 0, 0, null)),
        Summary(),
    ];

    [Fact]
    public void IsTheTextOfTheSourceGeneratedSerializer()
    {
        foreach (var summary in Summaries)
            Assert.Equal(JsonSerializer.Serialize(summary, RunSummaryJsonContext.Default.RunSummary), summary.ToJson());
    }

    [Fact]
    public void ReadsBackEqual()
    {
        foreach (var summary in Summaries)
        {
            var read = RunSummary.FromJson(summary.ToJson());
            Assert.Equal(summary with { Populations = [] }, read with { Populations = [] });
            Assert.Equal(summary.Populations, read.Populations);
        }
    }
}

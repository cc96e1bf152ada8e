using Cortex.Backends;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// guide_ffi: a spec instantiates the circuit, drives its <c>in</c> port and reads its <c>out</c> port; it expands into
/// the circuit's populations, runs with the same spikes on both backends, and its interneurons do hold the principal cells down.
/// </summary>
public sealed class FeedForwardInhibitionTests
{
    [Fact]
    public void Expands_runs_the_same_on_both_backends_and_inhibits()
    {
        var network = GuideRuntime.Compile(Spec(wInh: 0.1));
        Assert.Equal(["readout", "ffi.relay", "ffi.e", "ffi.i"], network.Populations.Select(p => p.Name));
        Assert.Equal(network.Populations.Single(p => p.Name == "ffi.e").Index, network.Projections.Single(p => p.Name == "to_readout").Source);

        var reference = Run(network, "reference");
        var cpu = Run(network, "cpu");
        Assert.Equal(reference.Spikes, cpu.Spikes);
        Assert.All(reference.Counts, count => Assert.True(count > 0, "every population fires"));

        var uninhibited = Run(GuideRuntime.Compile(Spec(wInh: 0)), "cpu");
        Assert.True(uninhibited.Counts[2] > reference.Counts[2], $"principal cells: {uninhibited.Counts[2]} spikes without inhibition, {reference.Counts[2]} with");
    }

    private static (IReadOnlyList<SpikeRecord> Spikes, IReadOnlyList<long> Counts) Run(Compilation.CompiledNetwork network, string backend)
    {
        var sink = new MemorySink();
        var result = SimulationRunner.Run(network, GuideRuntime.Registry.GetBackend(backend), new BackendOptions(), [sink]);
        return ([.. sink.Spikes], result.SpikesPerPopulation);
    }

    private static NetworkSpec Spec(double wInh) => new NetworkBuilder("ffi").Dt(Q.Ms(0.1)).Duration(Q.Ms(300)).Seed(11)
        .Circuit("guide_ffi", "ffi", c => c.Param("size", 20).Param("w_inh", Q.NA(wInh)))
        .Population("readout", 5, "lif")
        .Stimulate(new PoissonStimulus { Target = "ffi.in", Rate = Q.Hz(20), Weight = Q.NA(1.5) })
        .Connect("ffi.out", "readout", new AllToAllConnector(), Q.NA(0.5), Q.Ms(1), projectionName: "to_readout")
        .RecordSpikes("ffi.out")
        .RecordSpikes("readout")
        .Build();
}

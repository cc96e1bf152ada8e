using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.GuideExamples.Tests;

/// <summary>
/// Plugins/samples/GuideExamples/guide.json, the spec the guide shows and runs with <c>cortex run</c>: it uses every example
/// at once (the circuit, the neuron with per-neuron g_c and a dendritic port, both rules) and runs alike on both backends.
/// </summary>
public sealed class GuideSpecTests
{
    [Fact]
    public void The_guide_spec_compiles_and_runs_alike_on_both_backends()
    {
        var spec = SpecJson.Load(GuideRuntime.PathOf("Plugins", "samples", "GuideExamples", "guide.json"));
        var network = GuideRuntime.Compile(spec);
        var runs = GuideRuntime.Backends.ToDictionary(b => b, b => Run(network, b));
        Assert.Equal(runs["reference"].Spikes, runs["cpu"].Spikes);
        Assert.Equal(runs["reference"].Samples, runs["cpu"].Samples);
        Assert.Equal(runs["reference"].Reward, runs["cpu"].Reward);

        var (spikes, samples, reward) = runs["cpu"];
        Assert.NotEmpty(spikes);
        Assert.Contains(samples, s => s.Value > -64.9);                  // the dendrites were driven through port dend_exc
        Assert.All(reward, w => Assert.True(w >= 0.2f, $"weight {w}"));   // dopamine at baseline 0.2 only ever raises them
        Assert.Contains(reward, w => w > 0.2f);
    }

    private static (IReadOnlyList<SpikeRecord> Spikes, IReadOnlyList<StateSample> Samples, float[] Reward) Run(Compilation.CompiledNetwork network, string backend)
    {
        var sink = new MemorySink();
        using var session = ClosedLoopSession.Open(network, GuideRuntime.Registry.GetBackend(backend), sinks: [sink]);
        session.Step((int)network.Steps);
        var reward = session.GetWeights("reward");
        session.Complete();
        return ([.. sink.Spikes], [.. sink.Samples], reward);
    }
}

using Cortex.Compilation;
using Cortex.Hardware.Cpu;
using Cortex.Hosting;
using Cortex.Modules;
using Cortex.Nir.Engine;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Nir.Tests;

public sealed class NirSpecExportTests
{
    [Fact]
    public void Exported_json_runs_on_the_engine_with_the_spikes_of_EngineInference()
    {
        var random = new Random(21);
        var graph = Nodes.NirGraph.Sequential(
            ("input", new Nodes.NirInput([4])), ("fc1", Graphs.Affine(random, 8, 4, 1, biasMean: 0.3)), ("lif1", Graphs.Lif(8, 0.005f)),
            ("fc2", Graphs.Affine(random, 5, 8, 1.5, biasMean: 0.6)), ("lif2", Graphs.Lif(5, 0.005f)), ("output", new Nodes.NirOutput([5])));
        var converted = NirToSpec.Convert(graph);
        float[] input = [1.2f, 0.3f, 2.0f, 0.8f];
        using var engine = new EngineInference(converted, 30);
        var expected = engine.Run(input);

        var json = NirSpecExport.ToJson(converted, 30, input);
        var spec = SpecJson.Parse(json, "export.json");
        using var runtime = CortexComposition.Create();
        var compiled = new NetworkCompiler(runtime.Registry).Compile(spec);
        var sink = new MemorySink();
        SimulationRunner.Run(compiled, runtime.Registry.GetBackend("reference"), new Backends.BackendOptions(), [sink]);

        Assert.Contains("\"pulse_current\"", json, StringComparison.Ordinal);
        Assert.Equal(31, compiled.Steps);
        var lif2 = compiled.Populations.Single(p => p.Name == "lif2").Index;
        var counts = new int[5];
        foreach (var spike in sink.Spikes.Where(s => s.Population == lif2)) counts[spike.Neuron]++;
        Assert.True(counts.Sum() > 0, "the output layer should spike");
        Assert.Equal(expected.SpikeCounts[^1], counts);
    }
}

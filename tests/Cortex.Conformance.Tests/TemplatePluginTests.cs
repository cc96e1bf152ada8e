using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Running;
using Cortex.Spec;

namespace Cortex.Conformance.Tests;

/// <summary>
/// The template plugin's model (<c>dotnet new cortex-plugin</c>'s MyNeuron, compiled verbatim and loaded through its
/// <c>[assembly: CortexPlugin]</c> like a user's plugin) runs the template's own spec on every backend at the closed-form
/// rate, with no backend-specific code in the plugin. The conformance cases cover it like any built-in as well
/// ("neuron model:my_neuron").
/// </summary>
public sealed class TemplatePluginTests
{
    public static TheoryData<string> Backends => [.. ConformanceRuntime.BackendNames];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Template_model_fires_at_the_closed_form_interval_on_every_backend(string backend)
    {
        var model = ConformanceRuntime.Registry.NeuronModels["my_neuron"];
        Assert.Equal(typeof(CortexPlugin1.MyNeuron), model.GetType());
        var template = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "template", "spec.json"));
        // 120 ms of the template's 500: a few intervals per neuron are enough, and ILGPU's CPU accelerator is slow.
        var spec = template with { Simulation = template.Simulation with { Duration = Q.Ms(120) } };
        var network = new NetworkCompiler(ConformanceRuntime.Registry).Compile(spec);
        var underTest = ConformanceRuntime.Get(backend);
        // The template's model must run everywhere: no refusal is acceptable.
        Assert.Empty(underTest.Backend.Unsupported(network));

        var outcome = CaseRun.Run(network, underTest);

        // 0.25 nA into R = 80 MΩ relaxes v towards rest + 20 mV; from reset (rest) it crosses the 15 mV threshold after
        // T = 20 ms · ln(20 / 5) = 27.7 ms, i.e. on the first whole step at or after T.
        var interval = Math.Ceiling(20 * Math.Log(20.0 / 5) / spec.Simulation.Dt.Value);
        var trains = outcome.TrainsOf(0);
        Assert.Equal(10, trains.Count);
        foreach (var train in trains.Values)
        {
            Assert.True(train.Count >= 3, $"{train.Count} spikes in 120 ms");
            for (var i = 1; i < train.Count; i++) Assert.InRange(train[i] - train[i - 1], interval - 1 - underTest.Tolerance.SpikeStepWindow, interval + 1 + underTest.Tolerance.SpikeStepWindow);
        }
    }

    [Fact]
    public void Template_plugin_names_no_backend()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "template", "CortexPlugin1"), "*.cs"))
        {
            var source = File.ReadAllText(file);
            foreach (var word in new[] { "Cortex.Hardware", "ILGPU", "Backend", "Gpu", "Cuda" })
                Assert.DoesNotContain(word, source, StringComparison.OrdinalIgnoreCase);
        }
    }
}

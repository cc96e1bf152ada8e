using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Cases;
using Cortex.Conformance.Tests.ClosedLoop;
using Cortex.Spec;
using Xunit.Abstractions;

namespace Cortex.Conformance.Tests;

/// <summary>
/// The suite covers what exists: every registered neuron model, receptor and plasticity rule has its case (they are
/// generated from the registry), every stimulus and probe kind the spec knows has one (found by reflection, so a new kind
/// fails here until it gets a case), and the backends include reference, cpu and every other registered one.
/// </summary>
public sealed class CoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_registered_component_has_a_case()
    {
        var registry = ConformanceRuntime.Registry;
        var covered = CaseCatalog.All.SelectMany(c => c.Components).ToHashSet(StringComparer.Ordinal);
        Assert.All(registry.NeuronModels.Keys, name => Assert.Contains(name, covered));
        Assert.All(registry.SynapseModels.Keys, name => Assert.Contains(name, covered));
        Assert.All(registry.PlasticityRules.Keys, name => Assert.Contains(name, covered));
        Assert.Contains("my_neuron", registry.NeuronModels.Keys);
    }

    [Fact]
    public void Every_stimulus_and_probe_kind_has_a_case()
    {
        var kernel = typeof(StimulusSpec).Assembly;
        var stimuli = kernel.GetTypes().Where(t => t.IsSubclassOf(typeof(StimulusSpec)) && !t.IsAbstract).ToList();
        var probes = kernel.GetTypes().Where(t => t.IsSubclassOf(typeof(ProbeSpec)) && !t.IsAbstract).ToList();
        Assert.NotEmpty(stimuli);
        Assert.NotEmpty(probes);
        Assert.All(stimuli, t => Assert.True(StimulusCases.ByType.ContainsKey(t), $"stimulus kind {t.Name} has no conformance case"));
        Assert.All(probes, t => Assert.True(ProbeCases.ByType.ContainsKey(t), $"probe kind {t.Name} has no conformance case"));
    }

    [Fact]
    public void Every_registered_backend_is_run_and_the_case_count_is_reported()
    {
        var backends = ConformanceRuntime.BackendNames;
        Assert.Contains("reference", backends);
        Assert.Contains("cpu", backends);
        // Each backend must state a tolerance (Get fails otherwise).
        Assert.All(backends, b => ConformanceRuntime.Get(b));
        var perBackend = CaseCatalog.All.Count() + ClosedLoopCalls.All.Count + 2 + 1;
        foreach (var family in CaseCatalog.All.GroupBy(c => c.Family))
            output.WriteLine($"{family.Key}: {family.Count()} ({string.Join(", ", family.SelectMany(c => c.Components.Take(1)))})");
        output.WriteLine($"closed-loop calls: {ClosedLoopCalls.All.Count} + save/load with and without plasticity; template plugin: 1");
        output.WriteLine($"{perBackend} cases per backend × {backends.Count} backends ({string.Join(", ", backends)})");
        // Refusals in one place (each refused case asserts its refusal in its own test too).
        foreach (var name in backends)
        {
            var backend = ConformanceRuntime.Get(name);
            var refused = CaseCatalog.All.Select(c => (c.Name, Refused: backend.Backend.Unsupported(c.Compile()))).Where(x => x.Refused.Count > 0).ToList();
            output.WriteLine($"{name}: {CaseCatalog.All.Count() - refused.Count} of {CaseCatalog.All.Count()} component cases run, {refused.Count} refused by name");
            foreach (var (caseName, reasons) in refused) output.WriteLine($"  {caseName}: {string.Join("; ", reasons)}");
        }
    }
}

using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Cases;
using Cortex.Conformance.Tests.Comparison;
using Cortex.Conformance.Tests.Running;
using Xunit.Abstractions;

namespace Cortex.Conformance.Tests;

/// <summary>
/// Every registered backend × every case (each neuron model, receptor, plasticity rule, stimulus kind, probe kind, delay
/// pattern and two recurrent networks): the backend runs the case, its outcome passes the case's own check (a closed
/// form, a known delay, a rate) and agrees with the reference backend's under the backend's <see cref="Tolerance"/>.
/// On the reference backend itself the comparison is with a second run (determinism).
/// </summary>
public sealed class ComponentConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> BackendsAndCases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var backend in ConformanceRuntime.BackendNames)
                foreach (var c in CaseCatalog.All)
                    data.Add(backend, c.Name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndCases))]
    public void Backend_agrees_with_the_reference(string backend, string caseName)
    {
        var conformanceCase = CaseCatalog.Get(caseName);
        var underTest = ConformanceRuntime.Get(backend);
        var network = conformanceCase.Compile();
        var refused = Refusal.Check(network, underTest);
        if (refused.Count > 0)
        {
            output.WriteLine($"refused by name, as asserted: {string.Join("; ", refused)}");
            return;
        }
        var reference = CaseRun.Reference(conformanceCase);
        var actual = CaseRun.Run(network, underTest);
        conformanceCase.Check(actual, network, underTest.Tolerance);
        Agreement.Assert(reference, actual, network, underTest.Tolerance, conformanceCase.Chaotic);
        output.WriteLine($"{backend}: {actual.Spikes.Count} recorded spikes, {actual.Samples.Count} samples; {underTest.Tolerance.Description}");
    }
}

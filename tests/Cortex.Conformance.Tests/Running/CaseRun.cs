using System.Collections.Concurrent;
using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Cases;
using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Conformance.Tests.Running;

/// <summary>
/// Runs a compiled network to its end through the closed-loop session (the one stepping path batch runs use too) and
/// collects spikes, samples, final weights and counts. The reference backend's outcome is computed once per case.
/// </summary>
public static class CaseRun
{
    private static readonly ConcurrentDictionary<string, Lazy<CaseOutcome>> References = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="network"/> on <paramref name="backend"/>.</summary>
    public static CaseOutcome Run(CompiledNetwork network, BackendUnderTest backend)
    {
        var sink = new MemorySink();
        using var session = ClosedLoopSession.Open(network, backend.Backend, backend.Options, [sink]);
        session.Step(checked((int)network.Steps));
        var weights = network.Projections.Select((_, i) => session.GetWeights(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var counts = session.SpikeCounts.ToArray();
        var state = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var population in network.Populations)
        {
            foreach (var variable in population.Model.StateVariables)
                state[$"{population.Name}.{variable.Name}"] = session.GetState(population.Name, variable.Name);
            foreach (var receptor in population.Receptors)
                foreach (var variable in receptor.Model.StateVariables)
                    state[$"{population.Name}.{receptor.Port}.{variable.Name}"] = session.GetState(population.Name, $"{receptor.Port}.{variable.Name}");
        }
        session.Complete();
        return new CaseOutcome([.. sink.Spikes], [.. sink.Samples], weights, counts, state);
    }

    /// <summary>The reference backend's outcome for <paramref name="conformanceCase"/>, computed once.</summary>
    public static CaseOutcome Reference(ConformanceCase conformanceCase) =>
        References.GetOrAdd(conformanceCase.Name, _ => new Lazy<CaseOutcome>(() => Run(conformanceCase.Compile(), ConformanceRuntime.Get("reference")))).Value;
}

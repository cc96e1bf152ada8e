using Cortex.Conformance.Tests.Backends;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>Every case of the suite, built once from the registry, by name.</summary>
public static class CaseCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, ConformanceCase>> Cases = new(() =>
    {
        var registry = ConformanceRuntime.Registry;
        return NeuronModelCases.From(registry)
            .Concat(ReceptorCases.From(registry))
            .Concat(PlasticityRuleCases.From(registry))
            .Concat(StimulusCases.ByType.Values)
            .Concat(ProbeCases.ByType.Values)
            .Concat(DelayCases.All())
            .Concat(NetworkCases.All())
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
    });

    /// <summary>All cases in a stable order.</summary>
    public static IEnumerable<ConformanceCase> All => Cases.Value.Values;

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static ConformanceCase Get(string name) => Cases.Value[name];
}

using Cortex.Compilation;

namespace Cortex.Conformance.Tests.Running;

/// <summary>The registered components a compiled network uses: its neuron models, receptors and plasticity rules, by name.</summary>
public static class NetworkComponents
{
    /// <summary>Every component name <paramref name="network"/> uses; a backend's refusal must name one of them.</summary>
    public static IReadOnlyList<string> Of(CompiledNetwork network) =>
    [
        .. network.Populations.Select(p => p.Model.Name)
            .Concat(network.Populations.SelectMany(p => p.Receptors).Select(r => r.Model.Name))
            .Concat(network.Projections.Where(p => p.Plasticity is not null).Select(p => p.Plasticity!.Rule.Name))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];
}

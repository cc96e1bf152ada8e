using Cortex.Models;

namespace Cortex.Compilation;

/// <summary>A projection with connectivity drawn and its target receptor resolved.</summary>
public sealed class CompiledProjection
{
    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Source population index.</summary>
    public required int Source { get; init; }

    /// <summary>Target population index.</summary>
    public required int Target { get; init; }

    /// <summary>Receptor index within the target population.</summary>
    public required int Receptor { get; init; }

    /// <summary>The synapses.</summary>
    public required SynapseTable Table { get; init; }

    /// <summary>The 16-bit grid every weight of <see cref="Table"/> lies on (weight_precision "16bit"), or null.</summary>
    public WeightGrid? WeightGrid { get; init; }

    /// <summary>The plasticity rule and its parameters, or null for static synapses.</summary>
    public CompiledPlasticity? Plasticity { get; init; }
}

/// <summary>A resolved plasticity rule.</summary>
public sealed record CompiledPlasticity(PlasticityRule Rule, ParameterValues Parameters);

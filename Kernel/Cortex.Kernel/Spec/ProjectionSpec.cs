using Cortex.Units;

namespace Cortex.Spec;

/// <summary>Synapses from one population to another.</summary>
public sealed record ProjectionSpec
{
    /// <summary>Optional name for reports; defaults to "source->target".</summary>
    public string? Name { get; init; }

    /// <summary>Source population name.</summary>
    public required string Source { get; init; }

    /// <summary>Target population name.</summary>
    public required string Target { get; init; }

    /// <summary>How neurons are paired.</summary>
    public required ConnectorSpec Connector { get; init; }

    /// <summary>Synaptic weight in the synapse model's weight dimension (mV, nA or µS).</summary>
    public required ValueSpec Weight { get; init; }

    /// <summary>Transmission delay; at least one time step.</summary>
    public ValueSpec Delay { get; init; } = new ConstantValue(Q.Ms(1));

    /// <summary>The receptor fed on the target.</summary>
    public SynapseSpec Synapse { get; init; } = new();

    /// <summary>Storage precision of the weights ("weight_precision": "32bit" or "16bit"); 16-bit needs static synapses.</summary>
    public WeightPrecision WeightPrecision { get; init; } = WeightPrecision.Full;

    /// <summary>Optional plasticity rule.</summary>
    public PlasticitySpec? Plasticity { get; init; }

    /// <summary>The name reports use.</summary>
    public string DisplayName => Name ?? $"{Source}->{Target}";
}

using Cortex.Units;

namespace Cortex.Spec;

/// <summary>
/// Which receptor of the target a projection feeds: a synapse model and a port name. Projections
/// into the same target and port share one receptor state, so they must agree on model and parameters.
/// </summary>
public sealed record SynapseSpec
{
    /// <summary>Registered synapse model (e.g. "exp_current", "exp_conductance", "delta").</summary>
    public string Model { get; init; } = "exp_current";

    /// <summary>Receptor port on the target, e.g. "exc" or "inh".</summary>
    public string Port { get; init; } = "exc";

    /// <summary>Parameter overrides (e.g. tau_syn).</summary>
    public IReadOnlyDictionary<string, Quantity> Params { get; init; } = new Dictionary<string, Quantity>();
}

/// <summary>A plasticity rule and its parameters.</summary>
public sealed record PlasticitySpec
{
    /// <summary>Registered rule name (e.g. "stdp").</summary>
    public required string Rule { get; init; }

    /// <summary>Parameter overrides.</summary>
    public IReadOnlyDictionary<string, Quantity> Params { get; init; } = new Dictionary<string, Quantity>();
}

using Cortex.Units;

namespace Cortex.Spec;

/// <summary>
/// One instance of a registered circuit: before validation it expands into populations and projections named
/// <c>Name.local</c>, and references to <c>Name.port</c> resolve to the population the port is bound to.
/// </summary>
public sealed record CircuitSpec
{
    /// <summary>The registered circuit's name (e.g. "wta").</summary>
    public required string Type { get; init; }

    /// <summary>The instance name: the prefix of everything it builds (an identifier, unique among circuits and populations).</summary>
    public required string Name { get; init; }

    /// <summary>Parameter overrides; unspecified parameters take the circuit's defaults.</summary>
    public IReadOnlyDictionary<string, Quantity> Params { get; init; } = new Dictionary<string, Quantity>();

    /// <summary>
    /// Parameters given by name rather than number (e.g. "background": "dc"), resolved against the parameter's
    /// <c>ParameterSpec.Choices</c> when the circuit is expanded.
    /// </summary>
    public IReadOnlyDictionary<string, string> Named { get; init; } = new Dictionary<string, string>();
}

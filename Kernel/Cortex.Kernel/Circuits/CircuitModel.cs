using Cortex.Models;

namespace Cortex.Circuits;

/// <summary>
/// A reusable piece of network (a brain region, a microcircuit): from its parameters it builds populations and
/// projections under an instance prefix and binds named ports to them, so a spec wires it up by <c>instance.port</c>
/// without knowing what is inside. Register it with <c>services.AddCircuit(...)</c>.
/// </summary>
public abstract class CircuitModel
{
    /// <summary>The name specs use in <c>circuits[].type</c> (lower case, e.g. "wta").</summary>
    public abstract string Name { get; }

    /// <summary>One line for listings: what the circuit computes.</summary>
    public abstract string Description { get; }

    /// <summary>The paper(s) the circuit follows (authors, year, journal), shown by <c>cortex circuits</c>; null for none.</summary>
    public virtual string? Citation => null;

    /// <summary>The parameters with defaults and rules, set in <c>circuits[].params</c>.</summary>
    public virtual IReadOnlyList<ParameterSpec> Parameters => [];

    /// <summary>Cross-parameter checks beyond each parameter's own rule; empty when the combination is valid.</summary>
    public virtual IEnumerable<ParameterProblem> Check(ParameterValues values) => [];

    /// <summary>The ports other parts of a spec connect to; <see cref="Build"/> binds every one of them.</summary>
    public abstract IReadOnlyList<CircuitPort> Ports { get; }

    /// <summary>Adds the circuit's pieces by local name to <paramref name="builder"/> and binds its ports; throw to refuse.</summary>
    public abstract void Build(CircuitBuilder builder, ParameterValues parameters);

    /// <summary>The port called <paramref name="name"/>, or null.</summary>
    public CircuitPort? FindPort(string name) => Ports.FirstOrDefault(p => p.Name == name);
}

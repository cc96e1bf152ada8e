using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Conformance.Tests.Running;
using Cortex.Spec;

namespace Cortex.Conformance.Tests.Cases;

/// <summary>
/// One network every backend runs and compares with the reference backend.
/// </summary>
/// <param name="Name">Unique id, "family:component" (the theory's data).</param>
/// <param name="Family">What the case covers: neuron model, receptor, plasticity rule, stimulus, probe, delay, network.</param>
/// <param name="Components">The registered components the case is about; a backend that refuses the case must name one of them.</param>
/// <param name="Spec">The network.</param>
/// <param name="Chaotic">Recurrent: a last-bit difference grows, so a toleranced backend is compared by statistics, not spike by spike.</param>
/// <param name="Check">
/// A check against something outside our code (a closed form, a known delay, the stimulus' own rate), run on every backend's
/// outcome with that backend's tolerance; it also asserts the case is active enough to mean something.
/// </param>
public sealed record ConformanceCase(
    string Name, string Family, IReadOnlyList<string> Components, NetworkSpec Spec, bool Chaotic,
    Action<CaseOutcome, CompiledNetwork, Tolerance> Check)
{
    /// <summary>Compiles the case with the suite's registry.</summary>
    public CompiledNetwork Compile() => new NetworkCompiler(ConformanceRuntime.Registry).Compile(Spec);

    /// <inheritdoc />
    public override string ToString() => Name;
}

using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Conformance.Tests.Backends;
using Cortex.Simulation;

namespace Cortex.Conformance.Tests.Running;

/// <summary>
/// A backend may refuse a component it cannot run, but only by name, before the run: the refusal is asserted (each entry
/// names one of the case's components, and opening a session throws <see cref="UnsupportedComponentException"/> with it),
/// never skipped silently. The bit-identical backends refuse nothing. A refused case is reported in the test's output, and
/// <c>CoverageTests</c> lists every refusal of every backend in one place.
/// </summary>
public static class Refusal
{
    /// <summary>
    /// The backend's refusals of <paramref name="network"/>, asserted as above; empty when it runs the case.
    /// </summary>
    public static IReadOnlyList<string> Check(CompiledNetwork network, BackendUnderTest backend)
    {
        var components = NetworkComponents.Of(network);
        var refused = backend.Backend.Unsupported(network);
        if (refused.Count == 0) return refused;
        Assert.False(backend.Tolerance.Exact, $"backend '{backend.Name}' must run every built-in, but refuses: {string.Join("; ", refused)}");
        foreach (var entry in refused)
            Assert.True(components.Any(c => entry.Contains(c, StringComparison.Ordinal)),
                $"backend '{backend.Name}' refused \"{entry}\", which names none of the network's components ({string.Join(", ", components)})");
        var error = Assert.Throws<UnsupportedComponentException>(() => ClosedLoopSession.Open(network, backend.Backend, backend.Options).Dispose());
        Assert.Equal(backend.Name, error.Backend);
        Assert.Equal(refused, error.Components);
        return refused;
    }
}

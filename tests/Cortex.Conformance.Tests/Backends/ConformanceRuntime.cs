using Cortex.Backends;
using Cortex.Hosting;
using Cortex.Plugins.Loading;
using Cortex.Registry;

namespace Cortex.Conformance.Tests.Backends;

/// <summary>
/// The components under test: the built-ins from the composition root (as the CLI loads them) plus this assembly loaded
/// as a plugin, which carries the template plugin's <c>my_neuron</c> verbatim. Every list the suite iterates comes from
/// this registry, so a new built-in model, receptor, rule or backend is covered, or fails the suite, without an edit here.
/// </summary>
public static class ConformanceRuntime
{
    private static readonly Lazy<PluginCatalog> Catalog = new(() =>
    {
        var catalog = CortexComposition.Create(o => o.BuiltInPlugins.Add(typeof(CortexPlugin1.MyNeuron).Assembly));
        if (catalog.Faults.Count > 0) throw new InvalidOperationException($"plugin faults: {string.Join("; ", catalog.Faults)}");
        return catalog;
    });

    /// <summary>The registered components.</summary>
    public static ComponentRegistry Registry => Catalog.Value.Registry;

    /// <summary>The backends whose tolerance the suite states. Any other registered backend fails <see cref="Get"/>.</summary>
    private static readonly Dictionary<string, (Tolerance Tolerance, BackendOptions Options)> Stated = new(StringComparer.Ordinal)
    {
        ["reference"] = (Tolerance.BitIdentical, new BackendOptions()),
        // Two threads: the CPU backend's results must not depend on the thread count, so it must still equal the reference.
        ["cpu"] = (Tolerance.BitIdentical, new BackendOptions { Threads = 2 }),
        // ILGPU's CPU accelerator, asked for by name: CI has no GPU, and the kernels' logic is the same.
        ["gpu"] = (Tolerance.Gpu, new BackendOptions { Device = "cpu" }),
    };

    /// <summary>Every registered backend's name, ordered; the suite's theory data.</summary>
    public static IReadOnlyList<string> BackendNames => [.. Registry.Backends.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The backend <paramref name="name"/> with its options and tolerance; fails for a backend the suite states no tolerance for.</summary>
    public static BackendUnderTest Get(string name)
    {
        var backend = Registry.GetBackend(name);
        Assert.True(Stated.TryGetValue(name, out var stated),
            $"backend '{name}' is registered but the conformance suite states no tolerance for it: add it to {nameof(ConformanceRuntime)}.{nameof(Stated)}");
        return new BackendUnderTest(backend, stated.Options, stated.Tolerance);
    }
}

using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Plugins.Loading;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Tests.Support;

/// <summary>
/// The runtime every test shares (the built-ins, from the composition root the CLI uses too) and the one-line
/// compile-and-run the tests use: compile, run on the reference backend, record into memory.
/// </summary>
internal static class TestRuntime
{
    // Components are stateless and the registry is read-only, so one runtime serves all tests, also in parallel.
    private static readonly PluginCatalog Shared = CortexComposition.Create();

    public static ComponentRegistry Registry => Shared.Registry;

    public static CompiledNetwork Compile(NetworkSpec spec, int threads = 1) => new NetworkCompiler(Registry).Compile(spec, threads);

    /// <summary>Compiles and runs <paramref name="spec"/> to its end on the reference backend.</summary>
    public static RunResult Run(NetworkSpec spec, int threads = 1) => Run(Compile(spec, threads), threads);

    /// <summary>Runs an already compiled network on the reference backend.</summary>
    public static RunResult Run(CompiledNetwork network, int threads = 1)
    {
        var sink = new MemorySink();
        var result = SimulationRunner.Run(network, Registry.GetBackend("reference"), new BackendOptions { Threads = threads }, [sink]);
        return new RunResult(network, sink, result);
    }

    /// <summary>A file copied next to the test assembly (reference/…, examples/…).</summary>
    public static string DataFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);
}

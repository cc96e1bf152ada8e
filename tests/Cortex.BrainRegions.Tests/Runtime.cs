using Cortex.Backends;
using Cortex.BrainRegions;
using Cortex.Compilation;
using Cortex.Hardware.Cpu;
using Cortex.Modules;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.BrainRegions.Tests;

/// <summary>The built-in plugins the circuits need (models, CPU backend, the circuits), as the host loads them.</summary>
internal static class Runtime
{
    // Components are stateless and the registry is read-only, so one runtime serves all tests, also in parallel.
    private static readonly Lazy<CortexRuntime> Shared = new(() => CortexRuntime.Create([new ModulesPlugin(), new CpuBackendPlugin(), new BrainRegionsPlugin()]));

    public static ComponentRegistry Registry => Shared.Value.Registry;

    public static CompiledNetwork Compile(NetworkSpec spec, int threads = 2) => new NetworkCompiler(Registry).Compile(spec, threads);

    /// <summary>Compiles and runs <paramref name="spec"/> to its end on <paramref name="backend"/>, recording into memory.</summary>
    public static (CompiledNetwork Network, MemorySink Sink) Run(NetworkSpec spec, string backend = "cpu", int threads = 2)
    {
        var network = Compile(spec, threads);
        var sink = new MemorySink();
        SimulationRunner.Run(network, Registry.GetBackend(backend), new BackendOptions { Threads = threads }, [sink]);
        return (network, sink);
    }
}

using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Plugins.Loading;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>Compiles specs with the built-ins and runs them on a backend; the gpu backend runs on ILGPU's CPU accelerator.</summary>
internal static class GpuRun
{
    private static readonly PluginCatalog Runtime = CortexComposition.Create();

    public static ComponentRegistry Registry => Runtime.Registry;

    /// <summary>
    /// The options every gpu test uses: ILGPU's CPU accelerator, so the kernels run without a GPU; on a machine with one,
    /// <c>CORTEX_TEST_GPU_DEVICE=cuda:0</c> runs the same tests on it.
    /// </summary>
    public static BackendOptions OnCpuAccelerator { get; } = new() { Device = Environment.GetEnvironmentVariable("CORTEX_TEST_GPU_DEVICE") ?? "cpu" };

    public static CompiledNetwork Compile(NetworkSpec spec) => new NetworkCompiler(Runtime.Registry).Compile(spec);

    public static Outcome Run(CompiledNetwork network, string backend) => Run(network, Runtime.Registry.GetBackend(backend));

    public static Outcome Run(CompiledNetwork network, IBackend backend)
    {
        var sink = new MemorySink();
        var options = backend.Name == "gpu" ? OnCpuAccelerator : new BackendOptions();
        var result = SimulationRunner.Run(network, backend, options, [sink]);
        return new Outcome([.. sink.Spikes], [.. sink.Samples], result.SpikesPerPopulation);
    }

    public sealed record Outcome(IReadOnlyList<SpikeRecord> Spikes, IReadOnlyList<StateSample> Samples, IReadOnlyList<long> Counts);
}

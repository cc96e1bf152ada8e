using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Modules;
using Cortex.Plugins.Loading;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Hardware.Cpu.Tests;

/// <summary>Compiles a spec once and runs it on a named backend, returning spikes, samples and final weights.</summary>
internal static class BackendRun
{
    // The built-ins (models, reference and CPU backends) from the composition root, as the CLI loads them, plus the
    // copies of LIF from another assembly (lif_copy, lif_scalar), loaded through the same plugin path.
    private static readonly PluginCatalog Runtime = CortexComposition.Create(o => o.BuiltInPlugins.Add(typeof(LifCopyPlugin.LifCopyPlugin).Assembly));

    public static CompiledNetwork Compile(NetworkSpec spec) => new NetworkCompiler(Runtime.Registry).Compile(spec);

    /// <summary>The backend registered as <paramref name="name"/>.</summary>
    public static IBackend Backend(string name) => Runtime.Registry.GetBackend(name);

    public static Outcome Run(CompiledNetwork network, string backend, int threads = 1) =>
        Run(network, Runtime.Registry.GetBackend(backend), threads);

    public static Outcome Run(CompiledNetwork network, IBackend backend, int threads = 1)
    {
        var sink = new MemorySink();
        var options = new BackendOptions { Threads = threads };
        var result = SimulationRunner.Run(network, backend, options, [sink]);
        // Weights are read from a second, identical session run to the end: the runner disposes its own.
        using var session = backend.Open(network, options);
        using var recorder = new Recorder(network.Layout, []);
        session.Advance((int)network.Steps, recorder);
        recorder.Complete();
        var weights = network.Projections.Select((_, i) => session.GetWeights(i).ToArray()).ToArray();
        return new Outcome([.. sink.Spikes], [.. sink.Samples], weights, result.SpikesPerPopulation);
    }

    public sealed record Outcome(IReadOnlyList<SpikeRecord> Spikes, IReadOnlyList<StateSample> Samples, float[][] Weights, IReadOnlyList<long> Counts);
}

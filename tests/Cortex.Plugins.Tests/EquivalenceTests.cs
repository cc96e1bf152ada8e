using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;
using Cortex.Recording;
using Cortex.Registry;
using Cortex.Simulation;
using Cortex.Spec;

namespace Cortex.Plugins.Tests;

/// <summary>
/// The same spec gives the same spikes whether its models are built in or loaded as a plugin: the built-in
/// Cortex.Modules assembly, copied into a plugins folder, is loaded into its own load context (its types are then
/// distinct from the host's, so the CPU backend cannot use its LIF-specific SIMD kernel) and must reproduce every spike.
/// </summary>
public sealed class EquivalenceTests
{
    private const string Spec = """
        {
          "name": "equivalence",
          "simulation": { "dt": "0.1 ms", "duration": "300 ms", "seed": 11 },
          "populations": [
            { "name": "lif", "size": 80, "model": "lif", "initial": { "v": { "dist": "uniform", "low": "-65 mV", "high": "-50 mV" } } },
            { "name": "izh", "size": 20, "model": "izhikevich" },
            { "name": "adex", "size": 10, "model": "adex" }
          ],
          "projections": [
            { "source": "lif", "target": "lif", "connector": { "type": "fixed_probability", "p": 0.1 },
              "weight": { "dist": "normal", "mean": "0.3 nA", "std": "0.1 nA" }, "delay": "1.5 ms",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } },
              "plasticity": { "rule": "stdp", "params": { "w_max": 1 } } },
            { "source": "lif", "target": "izh", "connector": { "type": "fixed_indegree", "k": 10 }, "weight": "2 mV", "delay": "1 ms",
              "synapse": { "model": "delta", "port": "d" } },
            { "source": "izh", "target": "adex", "connector": { "type": "all_to_all" }, "weight": "5 nS", "delay": "2 ms",
              "synapse": { "model": "exp_conductance", "port": "g", "params": { "tau_syn": "5 ms", "e_rev": "0 mV" } } }
          ],
          "stimuli": [
            { "type": "poisson", "target": "lif", "rate": "800 Hz", "weight": "0.4 nA",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "type": "dc", "target": "adex", "amplitude": "0.5 nA" }
          ],
          "probes": [ { "type": "spikes", "population": "lif" }, { "type": "spikes", "population": "izh" }, { "type": "spikes", "population": "adex" } ]
        }
        """;

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void SameSpec_SameSpikes_BuiltInOrLoadedAsPlugin(string backend)
    {
        using var dir = new TempDirectory();
        var folder = dir.Folder("plugins", "Cortex.Modules");
        File.Copy(typeof(Cortex.Modules.ModulesPlugin).Assembly.Location, Path.Combine(folder, "Cortex.Modules.dll"));
        var spec = SpecJson.Parse(Spec);

        using var builtIn = Catalogs.Load();
        using var plugged = CortexComposition.Create(o =>
        {
            o.BuiltInPlugins.Remove(typeof(Cortex.Modules.ModulesPlugin).Assembly);
            o.PluginDirectories.Add(dir.File("plugins"));
        });
        Assert.Empty(plugged.Faults);
        var modules = Assert.Single(plugged.Plugins, p => p.Name == "Cortex.Modules");
        Assert.Equal(PluginOrigin.CommandLine, modules.Origin);
        Assert.NotSame(typeof(Cortex.Modules.Neurons.Lif), plugged.Registry.NeuronModels["lif"].GetType()); // really another copy

        var expected = Run(builtIn, spec, backend);
        var actual = Run(plugged, spec, backend);
        Assert.True(expected.Count > 1000, $"only {expected.Count} spikes");
        Assert.Equal(expected, actual);
    }

    private static List<SpikeRecord> Run(PluginCatalog catalog, NetworkSpec spec, string backend)
    {
        var network = new NetworkCompiler(catalog.Registry).Compile(spec);
        var sink = new MemorySink();
        SimulationRunner.Run(network, catalog.Registry.GetBackend(backend), new BackendOptions(), [sink]);
        return [.. sink.Spikes];
    }
}

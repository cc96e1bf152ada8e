using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;

namespace Cortex.Plugins.Tests;

/// <summary>Where plugins are found, in which order, and that built-ins arrive through the same path.</summary>
public sealed class DiscoveryTests
{
    [Fact]
    public void BuiltIns_LoadThroughTheCatalogWithTheirComponents()
    {
        using var catalog = Catalogs.Load();
        Assert.Empty(catalog.Faults);
        Assert.Equal(["Cortex.Kernel", "Cortex.Modules", "Cortex.Hardware.Cpu", "Cortex.Hardware.Gpu", "Cortex.BrainRegions", "Cortex.Cognition"], catalog.Plugins.Select(p => p.Name));
        Assert.All(catalog.Plugins, p => Assert.Equal(PluginOrigin.BuiltIn, p.Origin));
        var modules = catalog.Plugins[1];
        Assert.Equal(["lif", "if", "izhikevich", "adex", "hh"], modules.Components.Where(c => c.Kind == ComponentKind.NeuronModel).Select(c => c.Name).Take(5));
        Assert.Contains(modules.Components, c => c is { Kind: ComponentKind.PlasticityRule, Name: "stdp" });
        Assert.Equal(["cpu", "gpu", "reference"], catalog.Registry.Backends.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Version(SdkVersion.Major, SdkVersion.Minor, 0), new Version(modules.Assembly.SdkVersion!.Major, modules.Assembly.SdkVersion.Minor, 0));
    }

    [Fact]
    public void Plugins_AreFoundDirectlyInAFolderAndOneFolderDeep()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Path, "Flat", TestPlugins.Neuron("Flat", "flat"));
        PluginCompiler.Compile(dir.Folder("Nested"), "Nested", TestPlugins.Neuron("Nested", "nested"));
        dir.Write("notes.txt", "not a plugin");
        using var catalog = Catalogs.Load(dir.Path);
        Assert.Empty(catalog.Faults);
        Assert.Equal(["Flat", "Nested"], catalog.Plugins.Where(p => p.Origin != PluginOrigin.BuiltIn).Select(p => p.Name));
        Assert.True(catalog.Registry.NeuronModels.ContainsKey("flat"));
        Assert.True(catalog.Registry.NeuronModels.ContainsKey("nested"));
        var flat = catalog.Plugins.Single(p => p.Name == "Flat");
        Assert.Equal(Path.Combine(dir.Path, "Flat.dll"), flat.Assembly.Path);
        Assert.Equal(PluginOrigin.CommandLine, flat.Origin);
    }

    [Fact]
    public void SearchPath_IsHostFolderThenUserFolderThenConfigThenEnvironmentThenCommandLine()
    {
        using var dir = new TempDirectory();
        var home = dir.Folder("home");
        dir.Write("home/config.json", """{ "plugins": ["../from-config"] }""");
        var commandLine = dir.Folder("cli");
        var search = PluginSearchPath.Standard(dir.File("host"), home, dir.File("env1") + Path.PathSeparator + dir.File("env2"), [commandLine]);
        Assert.Empty(search.Problems);
        Assert.Equal(
            [(dir.File("host", "plugins"), PluginOrigin.HostFolder), (dir.File("home", "plugins"), PluginOrigin.UserFolder),
             (dir.File("from-config"), PluginOrigin.ConfigFile), (dir.File("env1"), PluginOrigin.Environment),
             (dir.File("env2"), PluginOrigin.Environment), (commandLine, PluginOrigin.CommandLine)],
            search.Directories.Select(d => (d.Path, d.Origin)));
    }

    [Fact]
    public void SearchPath_ReportsAMissingPluginsFolderAndABadConfigFile()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("config.json", """{ "plugins": "not-a-list" }""");
        var search = PluginSearchPath.Standard(dir.Path, dir.Path, null, [dir.File("nowhere")]);
        Assert.Equal(2, search.Problems.Count);
        Assert.Contains(search.Problems, p => p.Path == config && p.Message.Contains("must be a list", StringComparison.Ordinal));
        Assert.Contains(search.Problems, p => p.Path == dir.File("nowhere") && p.Message.Contains("--plugins: the folder does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void UserFolderAndConfigFile_AreSearchedByTheCli()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Folder("plugins", "Mine"), "Mine", TestPlugins.Neuron("Mine", "mine"));
        PluginCompiler.Compile(dir.Folder("elsewhere"), "Listed", TestPlugins.Neuron("Listed", "listed"));
        dir.Write("config.json", """{ "plugins": ["elsewhere"] }""");
        var result = Cli.RunWithHome(dir.Path, "plugins");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Mine 1.0.0 (~/.cortex/plugins, SDK", result.Out, StringComparison.Ordinal);
        Assert.Contains("Listed 1.0.0 (~/.cortex/config.json, SDK", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BackendPlugin_SharesTheKernelContract_AndRunsWithBackendByName()
    {
        using var dir = new TempDirectory();
        var plugins = dir.Folder("plugins");
        PluginCompiler.Compile(plugins, "Relay", """
            using Cortex.Backends;
            using Cortex.Compilation;
            using Cortex.Plugins;
            using Microsoft.Extensions.DependencyInjection;

            [assembly: CortexPlugin(typeof(Relay.P))]

            namespace Relay;

            public sealed class P : ICortexPlugin
            {
                public string Name => "Relay";
                public void Configure(IServiceCollection services) => services.AddSingleton<IBackend, RelayBackend>();
            }

            // A backend plugin implements IBackend from Cortex.Kernel, which the loader shares with the host.
            public sealed class RelayBackend : IBackend
            {
                private readonly IBackend _inner = new Cortex.Backends.Reference.ReferenceBackend();
                public string Name => "relay";
                public string Description => "the reference backend, relayed through a plugin";
                public ISimulationSession Open(CompiledNetwork network, BackendOptions options) => _inner.Open(network, options);
            }
            """, [.. PluginCompiler.Sdk, PluginCompiler.Kernel]);
        var list = Cli.Run("plugins", "--plugins", plugins);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("Relay 0.0.0 (--plugins", list.Out, StringComparison.Ordinal);
        Assert.Contains("  backends: relay", list.Out, StringComparison.Ordinal);

        var spec = dir.Write("spec.json", TestPlugins.Spec("lif"));
        var relayed = Cli.Run("run", spec, "--plugins", plugins, "--backend", "relay", "--out", dir.File("relay"), "--no-plot");
        var reference = Cli.Run("run", spec, "--backend", "reference", "--out", dir.File("reference"), "--no-plot");
        Assert.True(relayed.ExitCode == 0, relayed.ToString());
        Assert.Equal(0, reference.ExitCode);
        Assert.Equal(
            Cortex.Recording.ParquetRecordingReader.ReadSpikeRows(dir.File("reference", "spikes.parquet")),
            Cortex.Recording.ParquetRecordingReader.ReadSpikeRows(dir.File("relay", "spikes.parquet")));
    }
}

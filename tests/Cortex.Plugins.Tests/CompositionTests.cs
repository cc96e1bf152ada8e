using System.Runtime.CompilerServices;
using Cortex.Host.Commands;
using Cortex.Hosting;
using Cortex.Plugins.Loading;
using Cortex.Plugins.Tests.Support;
using Cortex.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cortex.Plugins.Tests;

/// <summary>The composition root: <c>AddCortex</c> in a container, <c>CortexComposition.Create</c> without one, and the search path their options describe.</summary>
public sealed class CompositionTests
{
    [Fact]
    public void AddCortex_ResolvesTheRegistryOfTheBuiltIns_AsSingletons()
    {
        using var provider = new ServiceCollection().AddCortex().BuildServiceProvider();
        var registry = provider.GetRequiredService<ComponentRegistry>();
        Assert.True(registry.NeuronModels.ContainsKey("lif"));
        Assert.Equal(["cpu", "gpu", "reference"], registry.Backends.Keys.Order(StringComparer.Ordinal));
        var catalog = provider.GetRequiredService<PluginCatalog>();
        Assert.Same(catalog.Runtime, provider.GetRequiredService<CortexRuntime>());
        Assert.Same(catalog.Registry, registry);
        Assert.Equal(BuiltInAssemblyNames, catalog.Plugins.Select(p => p.Assembly.Name).Distinct());
    }

    // What CortexOptions ships by default: at least the kernel (reference backend), the models and the CPU backend.
    private static IReadOnlyList<string> BuiltInAssemblyNames { get; } = [.. new CortexOptions().BuiltInPlugins.Select(a => a.GetName().Name!)];

    [Fact]
    public void AddCortex_LoadsThePluginFolders_AndDisposingTheContainerUnloadsThem()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Path, "Contained", TestPlugins.Neuron("Contained", "contained"));
        var contexts = ResolveAndDispose(dir.Path);
        Assert.Single(contexts);
        Assert.Equal(0, RunWatch.Release(contexts));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> ResolveAndDispose(string folder)
    {
        using var provider = new ServiceCollection().AddCortex(o => o.PluginDirectories.Add(folder)).BuildServiceProvider();
        Assert.True(provider.GetRequiredService<ComponentRegistry>().NeuronModels.ContainsKey("contained"));
        return [.. provider.GetRequiredService<PluginCatalog>().LoadContexts];
    }

    [Fact]
    public void AddCortex_LogsEachRefusedPluginAsAWarning_WhenALoggerFactoryIsRegistered()
    {
        using var dir = new TempDirectory();
        PluginCompiler.Compile(dir.Path, "Refused", TestPlugins.Neuron("Refused", "refused", constructor: "throw new InvalidOperationException(\"broken\");"));
        var logs = new CapturingLoggerFactory();
        using var provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddCortex(o => o.PluginDirectories.Add(dir.Path))
            .BuildServiceProvider();
        var fault = Assert.Single(provider.GetRequiredService<PluginCatalog>().Faults);
        Assert.Equal([(typeof(PluginCatalog).FullName!, LogLevel.Warning, fault.Message)], logs.Entries);
    }

    [Fact]
    public void Create_WithoutOptions_GivesTheBuiltInsAndNothingElse()
    {
        using var catalog = CortexComposition.Create();
        Assert.Empty(catalog.Faults);
        Assert.All(catalog.Plugins, p => Assert.Equal(PluginOrigin.BuiltIn, p.Origin));
        Assert.Equal(["Cortex.Kernel", "Cortex.Modules", "Cortex.Hardware.Cpu"], BuiltInAssemblyNames.Take(3));
        Assert.Equal(BuiltInAssemblyNames, catalog.Plugins.Select(p => p.Assembly.Name).Distinct());
    }

    [Fact]
    public void Options_SearchNothing_UntilTold()
    {
        var search = new CortexOptions().ResolveSearchPath();
        Assert.Empty(search.Directories);
        Assert.Empty(search.Problems);
    }

    [Fact]
    public void Options_ReportAMissingPluginFolder()
    {
        using var dir = new TempDirectory();
        var options = new CortexOptions { PluginDirectories = { dir.Path, dir.File("nowhere") } };
        var search = options.ResolveSearchPath();
        Assert.Equal([(dir.Path, PluginOrigin.CommandLine), (dir.File("nowhere"), PluginOrigin.CommandLine)], search.Directories.Select(d => (d.Path, d.Origin)));
        var problem = Assert.Single(search.Problems);
        Assert.Equal($"plugin configuration ({dir.File("nowhere")}): the plugin folder does not exist", problem.Message);
    }

    [Fact]
    public void Options_IncludeUserPlugins_SearchesWhereTheCommandLineDoes()
    {
        var search = new CortexOptions { IncludeUserPlugins = true }.ResolveSearchPath();
        Assert.Contains(search.Directories, d => d.Origin == PluginOrigin.HostFolder && d.Path == Path.Combine(AppContext.BaseDirectory, "plugins"));
        Assert.Contains(search.Directories, d => d.Origin == PluginOrigin.UserFolder && d.Path == Path.Combine(PluginSearchPath.DefaultCortexHome(), "plugins"));
    }

    [Fact]
    public void Options_AGivenSearchPath_ComesFirstAndReplacesTheUserPlaces()
    {
        using var dir = new TempDirectory();
        var options = new CortexOptions
        {
            IncludeUserPlugins = true,
            SearchPath = new PluginSearchPath([new PluginDirectory(dir.Folder("env"), PluginOrigin.Environment)]),
            PluginDirectories = { dir.Folder("cli") },
        };
        Assert.Equal([(dir.File("env"), PluginOrigin.Environment), (dir.File("cli"), PluginOrigin.CommandLine)],
            options.ResolveSearchPath().Directories.Select(d => (d.Path, d.Origin)));
    }

    /// <summary>Keeps every log entry: category, level and message.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public List<(string Category, LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(string category, List<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Add((category, logLevel, formatter(state, exception)));
        }
    }
}

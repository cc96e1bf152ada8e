using System.Reflection;
using Cortex.Hardware.Cpu;
using Cortex.Hardware.Gpu;
using Cortex.Modules;
using Cortex.Plugins.Loading;
using Cortex.Registry;

namespace Cortex.Hosting;

/// <summary>
/// What the composition root assembles: which assemblies ship with the application as plugins, and where to look
/// for more. The defaults give the built-ins and nothing else, so a library or a test sees only what it names.
/// </summary>
public sealed class CortexOptions
{
    /// <summary>
    /// The plugin assemblies that ship with the application, loaded first and through the same path as discovered
    /// plugins: the kernel (reference backend), Cortex.Modules (the built-in models), the CPU and GPU backends,
    /// Cortex.BrainRegions (the built-in circuits) and Cortex.Cognition (the built-in tasks). Add one
    /// (the command line adds Cortex.Learning) or remove one to load it as a plugin instead.
    /// </summary>
    public IList<Assembly> BuiltInPlugins { get; } =
    [
        typeof(CortexRuntime).Assembly, typeof(ModulesPlugin).Assembly, typeof(CpuBackendPlugin).Assembly, typeof(GpuBackendPlugin).Assembly,
        typeof(BrainRegions.BrainRegionsPlugin).Assembly, typeof(Cognition.CognitionPlugin).Assembly,
    ];

    /// <summary>Folders searched for plugins after <see cref="SearchPath"/>, in order (listed like <c>--plugins</c>); a missing one is reported as a fault.</summary>
    public IList<string> PluginDirectories { get; } = [];

    /// <summary>
    /// Also search where users install plugins, as the command line does: <c>plugins/</c> beside the application,
    /// <c>~/.cortex/plugins</c> (or <c>$CORTEX_HOME</c>), the folders in its <c>config.json</c> and in
    /// <c>CORTEX_PLUGINS</c>. Ignored when <see cref="SearchPath"/> is set.
    /// </summary>
    public bool IncludeUserPlugins { get; set; }

    /// <summary>The places searched before <see cref="PluginDirectories"/>, for a caller that works them out itself (the command line, from its environment).</summary>
    public PluginSearchPath? SearchPath { get; set; }

    /// <summary>The whole search path these options describe, with a fault for each missing <see cref="PluginDirectories"/> folder.</summary>
    internal PluginSearchPath ResolveSearchPath()
    {
        var first = SearchPath ?? (IncludeUserPlugins
            ? PluginSearchPath.Standard(AppContext.BaseDirectory, PluginSearchPath.DefaultCortexHome(),
                Environment.GetEnvironmentVariable(PluginSearchPath.PluginsVariable), [])
            : PluginSearchPath.None);
        var missing = PluginDirectories.Where(d => !Directory.Exists(d))
            .Select(d => new PluginFault(PluginFaultKind.BadConfiguration, Path.GetFullPath(d), null, "the plugin folder does not exist"));
        return new PluginSearchPath(
            first.Directories.Concat(PluginDirectories.Select(d => new PluginDirectory(d, PluginOrigin.CommandLine))),
            first.Problems.Concat(missing));
    }
}

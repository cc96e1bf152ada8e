using Cortex.Hardware.Cpu;
using Cortex.Modules;
using Cortex.Plugins.Loading;
using Cortex.Registry;

namespace Cortex.Plugins.Tests.Support;

/// <summary>Loads catalogs the way the host does: the built-ins plus the given folders.</summary>
internal static class Catalogs
{
    public static readonly System.Reflection.Assembly[] BuiltIns =
        [typeof(CortexRuntime).Assembly, typeof(ModulesPlugin).Assembly, typeof(CpuBackendPlugin).Assembly];

    public static PluginCatalog Load(params string[] folders) =>
        PluginCatalog.Load(BuiltIns, new PluginSearchPath(folders.Select(f => new PluginDirectory(f, PluginOrigin.CommandLine))));
}

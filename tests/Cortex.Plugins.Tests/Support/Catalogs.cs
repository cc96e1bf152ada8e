using Cortex.Hosting;
using Cortex.Plugins.Loading;

namespace Cortex.Plugins.Tests.Support;

/// <summary>Loads catalogs through the composition root, as the host does: the built-ins plus the given folders.</summary>
internal static class Catalogs
{
    public static PluginCatalog Load(params string[] folders) => CortexComposition.Create(o =>
    {
        foreach (var folder in folders) o.PluginDirectories.Add(folder);
    });
}

using System.Reflection;
using System.Runtime.Loader;

namespace Cortex.Plugins.Loading;

/// <summary>
/// The context a plugin's load context consults, in place of the default one, for the plugin assemblies it references
/// (and for what those assemblies reference): it answers with the copy already loaded as a plugin, so a plugin that
/// builds on another sees the same types and the same statics instead of a private copy of its own. Names it does not
/// know fall through to the referenced plugins' contexts and then to the default context, which is how the shared
/// contract assemblies still come from the host. It loads nothing itself; it is collectible so that it never keeps the
/// plugins it points to alive after the catalog lets them go.
/// </summary>
internal sealed class PluginDependencyContext : AssemblyLoadContext
{
    private readonly IReadOnlyDictionary<string, Assembly> _plugins;
    private readonly IReadOnlyList<AssemblyLoadContext> _dependencies;

    /// <param name="name">For diagnostics: the plugin whose dependencies this resolves.</param>
    /// <param name="plugins">Every plugin assembly loaded so far, by simple name.</param>
    /// <param name="dependencies">The load contexts of the plugins it references (those outside the default context).</param>
    public PluginDependencyContext(string name, IReadOnlyDictionary<string, Assembly> plugins, IReadOnlyList<AssemblyLoadContext> dependencies)
        : base($"{name} (plugin dependencies)", isCollectible: true)
    {
        _plugins = plugins;
        _dependencies = dependencies;
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && _plugins.TryGetValue(name, out var plugin)) return plugin;
        foreach (var context in _dependencies)
        {
            try
            {
                return context.LoadFromAssemblyName(assemblyName);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not one of this dependency's assemblies: try the next, then the default context.
            }
        }
        return null;
    }
}

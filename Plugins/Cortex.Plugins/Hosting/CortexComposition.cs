using Cortex.Plugins.Loading;

namespace Cortex.Hosting;

/// <summary>
/// The composition root for callers without a service container (the command line, tests, scripts): the one place
/// that turns <see cref="CortexOptions"/> into loaded plugins and a runtime. <see cref="CortexServiceCollectionExtensions.AddCortex"/>
/// registers the same thing in a container.
/// </summary>
public static class CortexComposition
{
    /// <summary>
    /// Loads the built-in plugins and those <paramref name="configure"/> asks for; <c>Create()</c> alone gives the
    /// built-ins. Never throws for a faulty plugin (see <see cref="PluginCatalog.Faults"/>); dispose the result to
    /// unload the plugins.
    /// </summary>
    public static PluginCatalog Create(Action<CortexOptions>? configure = null)
    {
        var options = new CortexOptions();
        configure?.Invoke(options);
        return Create(options);
    }

    internal static PluginCatalog Create(CortexOptions options) => PluginCatalog.Load(options.BuiltInPlugins, options.ResolveSearchPath());
}

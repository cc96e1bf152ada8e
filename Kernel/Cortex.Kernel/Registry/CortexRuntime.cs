using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Registry;

/// <summary>
/// The running set of components: one service provider built from every plugin's <see cref="ICortexPlugin.Configure"/>,
/// and the registry read out of it. The kernel's own reference backend arrives as a plugin too. Applications get one
/// from the composition root (<c>AddCortex</c> or <c>CortexComposition.Create</c> in Cortex.Plugins), which loads the
/// built-in and discovered plugins; <see cref="Create"/> is for code below that root that only has plugin objects.
/// </summary>
public sealed class CortexRuntime : IDisposable
{
    private readonly ServiceProvider _provider;

    private CortexRuntime(ServiceProvider provider, IReadOnlyList<ICortexPlugin> plugins)
    {
        _provider = provider;
        Plugins = plugins;
        Registry = new ComponentRegistry(provider);
    }

    /// <summary>The plugins that configured this runtime, in order.</summary>
    public IReadOnlyList<ICortexPlugin> Plugins { get; }

    /// <summary>The registered components.</summary>
    public ComponentRegistry Registry { get; }

    /// <summary>The service provider, for components that resolve services of their own.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>Builds a runtime from the kernel plugin plus <paramref name="plugins"/>.</summary>
    public static CortexRuntime Create(IEnumerable<ICortexPlugin> plugins)
    {
        var all = new List<ICortexPlugin> { new KernelPlugin() };
        all.AddRange(plugins);
        var services = new ServiceCollection();
        foreach (var plugin in all) plugin.Configure(services);
        return new CortexRuntime(services.BuildServiceProvider(), all);
    }

    /// <summary>
    /// Builds a runtime from services a plugin loader has already collected and checked, plugin by plugin
    /// (the kernel plugin is not added: the loader brings it like any other).
    /// </summary>
    public static CortexRuntime FromServices(IServiceCollection services, IEnumerable<ICortexPlugin> plugins) =>
        new(services.BuildServiceProvider(), [.. plugins]);

    /// <summary>Creates the plugins an assembly declares with <see cref="CortexPluginAttribute"/>.</summary>
    public static IEnumerable<ICortexPlugin> PluginsIn(System.Reflection.Assembly assembly) =>
        assembly.GetCustomAttributes(typeof(CortexPluginAttribute), false)
            .Cast<CortexPluginAttribute>()
            .Select(a => (ICortexPlugin)Activator.CreateInstance(a.PluginType)!);

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();
}

using Cortex.Plugins.Loading;
using Cortex.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Cortex.Hosting;

/// <summary>Cortex in a .NET Generic Host style container: one call, and the registry is a service like any other.</summary>
public static partial class CortexServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="CortexOptions"/>, the <see cref="PluginCatalog"/> they load (on first use), its
    /// <see cref="CortexRuntime"/> and <see cref="ComponentRegistry"/>, all singletons that the container disposes
    /// (which unloads the plugins). When an <see cref="ILoggerFactory"/> is registered, each refused plugin is logged
    /// as a warning through <c>ILogger&lt;PluginCatalog&gt;</c>, so an application sees faults in its own logs.
    /// </summary>
    public static IServiceCollection AddCortex(this IServiceCollection services, Action<CortexOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CortexOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider =>
        {
            var catalog = CortexComposition.Create(provider.GetRequiredService<CortexOptions>());
            if (provider.GetService<ILoggerFactory>()?.CreateLogger<PluginCatalog>() is { } logger)
                foreach (var fault in catalog.Faults) LogRefused(logger, fault.Message);
            return catalog;
        });
        services.TryAddSingleton(provider => provider.GetRequiredService<PluginCatalog>().Runtime);
        services.TryAddSingleton(provider => provider.GetRequiredService<CortexRuntime>().Registry);
        return services;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Fault}")]
    private static partial void LogRefused(ILogger logger, string fault);
}

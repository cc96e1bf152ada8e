using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins.Loading;

/// <summary>A plugin that loaded: where it came from, what it is, and every component it registered.</summary>
public sealed class PluginRecord
{
    internal PluginRecord(ICortexPlugin plugin, string name, PluginAssemblyInfo assembly, PluginOrigin origin,
        Assembly loaded, IReadOnlyList<PluginComponent> components, IReadOnlyList<ServiceDescriptor> otherServices, ServiceProvider provider)
    {
        Plugin = plugin;
        Name = name;
        Assembly = assembly;
        Origin = origin;
        LoadedAssembly = loaded;
        Components = components;
        OtherServices = otherServices;
        Provider = provider;
    }

    /// <summary>The plugin's entry object.</summary>
    public ICortexPlugin Plugin { get; }

    /// <summary>The plugin's name (<see cref="ICortexPlugin.Name"/>).</summary>
    public string Name { get; }

    /// <summary>The assembly it lives in: path, version, SDK version.</summary>
    public PluginAssemblyInfo Assembly { get; }

    /// <summary>Where it was found.</summary>
    public PluginOrigin Origin { get; }

    /// <summary>Its components, in registration order.</summary>
    public IReadOnlyList<PluginComponent> Components { get; }

    internal Assembly LoadedAssembly { get; }

    internal IReadOnlyList<ServiceDescriptor> OtherServices { get; }

    /// <summary>The plugin's own provider, which created its components; disposed before its load context unloads.</summary>
    internal ServiceProvider Provider { get; }
}

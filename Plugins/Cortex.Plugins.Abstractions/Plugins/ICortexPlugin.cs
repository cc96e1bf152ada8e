using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins;

/// <summary>
/// The entry point of a plugin assembly: registers its components by name into the host's services.
/// Built-in modules implement it too, so the host treats them exactly like third-party plugins.
/// </summary>
public interface ICortexPlugin
{
    /// <summary>A short name for listings and error messages.</summary>
    string Name { get; }

    /// <summary>Registers the plugin's components (use the <c>Add…</c> extension methods).</summary>
    void Configure(IServiceCollection services);
}

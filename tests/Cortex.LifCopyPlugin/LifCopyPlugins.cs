using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.LifCopyPlugin.LifCopyPlugin))]

namespace Cortex.LifCopyPlugin;

/// <summary>
/// Registers two copies of the built-in LIF from outside the Cortex assemblies: <c>lif_copy</c> (the same code, SIMD lanes
/// included) and <c>lif_scalar</c> (the same scalar step without the optional lane form), so tests and
/// <c>cortex bench cuba</c> can show that a plugin model runs as fast as the built-in one, and what the lane form is worth.
/// </summary>
public sealed class LifCopyPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "Cortex.LifCopy";

    /// <inheritdoc />
    public void Configure(IServiceCollection services)
    {
        services.AddNeuronModel(new LifCopy());
        services.AddNeuronModel(new LifScalarCopy());
    }
}

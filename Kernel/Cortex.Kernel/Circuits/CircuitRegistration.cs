using Cortex.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins;

/// <summary>The registration call for circuits, used from <see cref="ICortexPlugin.Configure"/> like <c>AddNeuronModel</c>.</summary>
public static class CircuitRegistration
{
    /// <summary>Registers a circuit under its <see cref="CircuitModel.Name"/>.</summary>
    public static IServiceCollection AddCircuit(this IServiceCollection services, CircuitModel circuit) =>
        services.AddSingleton(circuit);
}

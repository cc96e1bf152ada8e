using Cortex.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Plugins;

/// <summary>The registration calls a plugin's <see cref="ICortexPlugin.Configure"/> uses.</summary>
public static class ComponentRegistration
{
    /// <summary>Registers a neuron model under its <see cref="NeuronModel.Name"/>.</summary>
    public static IServiceCollection AddNeuronModel(this IServiceCollection services, NeuronModel model) =>
        services.AddSingleton(model);

    /// <summary>Registers a synapse model under its <see cref="SynapseModel.Name"/>.</summary>
    public static IServiceCollection AddSynapseModel(this IServiceCollection services, SynapseModel model) =>
        services.AddSingleton(model);

    /// <summary>Registers a plasticity rule under its <see cref="PlasticityRule.Name"/>.</summary>
    public static IServiceCollection AddPlasticityRule(this IServiceCollection services, PlasticityRule rule) =>
        services.AddSingleton(rule);
}

using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

// One assembly may declare several plugins; the host lists, checks and (if need be) refuses each on its own.
[assembly: CortexPlugin(typeof(NeuroExtras.QifPlugin))]
[assembly: CortexPlugin(typeof(NeuroExtras.InhibitoryPlasticityPlugin))]

namespace NeuroExtras;

/// <summary>Registers the quadratic integrate-and-fire neuron "qif".</summary>
public sealed class QifPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "NeuroExtras.Qif";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddNeuronModel(new Qif());
}

/// <summary>Registers inhibitory plasticity "vogels_isp".</summary>
public sealed class InhibitoryPlasticityPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "NeuroExtras.Isp";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddPlasticityRule(new InhibitoryPlasticity());
}

using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

// One assembly may declare several plugins; the host lists, checks and (if need be) refuses each on its own.
[assembly: CortexPlugin(typeof(NeuroExtras.QifPlugin))]
[assembly: CortexPlugin(typeof(NeuroExtras.OjaPlugin))]

namespace NeuroExtras;

/// <summary>Registers the quadratic integrate-and-fire neuron "qif".</summary>
public sealed class QifPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "NeuroExtras.Qif";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddNeuronModel(new Qif());
}

/// <summary>Registers Oja's rule "oja".</summary>
public sealed class OjaPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "NeuroExtras.Oja";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddPlasticityRule(new Oja());
}

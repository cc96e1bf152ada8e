using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(CortexPlugin1.Plugin))]

namespace CortexPlugin1;

/// <summary>The plugin's entry point: the host creates it and calls Configure, which registers components by name.</summary>
public sealed class Plugin : ICortexPlugin
{
    public string Name => "CortexPlugin1";

    public void Configure(IServiceCollection services) => services.AddNeuronModel(new MyNeuron());
}

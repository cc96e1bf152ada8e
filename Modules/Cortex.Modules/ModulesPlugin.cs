using Cortex.Modules.Neurons;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.Modules.ModulesPlugin))]

namespace Cortex.Modules;

/// <summary>Registers the built-in models through the same contract third-party plugins use.</summary>
public sealed class ModulesPlugin : ICortexPlugin
{
    public string Name => "Cortex.Modules";

    public void Configure(IServiceCollection services)
    {
        services.AddNeuronModel(new Lif());
    }
}

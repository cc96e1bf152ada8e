using Cortex.BrainRegions.BasalGanglia;
using Cortex.BrainRegions.Circuits;
using Cortex.BrainRegions.Hippocampus;
using Cortex.BrainRegions.Microcircuit;
using Cortex.BrainRegions.Thalamus;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.BrainRegions.BrainRegionsPlugin))]

namespace Cortex.BrainRegions;

/// <summary>Registers the built-in circuits through the same contract third-party plugins use.</summary>
public sealed class BrainRegionsPlugin : ICortexPlugin
{
    public string Name => "Cortex.BrainRegions";

    public void Configure(IServiceCollection services)
    {
        services.AddCircuit(new WinnerTakeAll());
        services.AddCircuit(new PotjansDiesmannMicrocircuit());
        services.AddCircuit(new WholeBrainCircuit());
        services.AddCircuit(new BasalGangliaCircuit());
        services.AddCircuit(new Thalamocortical());
        services.AddCircuit(new Ca3());
    }
}

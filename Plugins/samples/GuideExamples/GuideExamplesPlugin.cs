using Cortex.Plugins;
using GuideExamples.Reach;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(GuideExamples.GuideExamplesPlugin))]

namespace GuideExamples;

/// <summary>Registers the examples of Plugins/README.md, one of each kind a plugin can add.</summary>
public sealed class GuideExamplesPlugin : ICortexPlugin
{
    public string Name => "GuideExamples";

    public void Configure(IServiceCollection services) => services
        .AddPlasticityRule(new TsodyksMarkram())
        .AddPlasticityRule(new ThreeFactorHebb())
        .AddNeuronModel(new TwoCompartment())
        .AddCircuit(new FeedForwardInhibition())
        .AddTask(new ReachTask());
}

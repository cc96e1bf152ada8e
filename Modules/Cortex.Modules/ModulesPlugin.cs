using Cortex.Modules.Neurons;
using Cortex.Modules.Plasticity;
using Cortex.Modules.Synapses;
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
        services.AddNeuronModel(new IntegrateAndFire());
        services.AddNeuronModel(new Izhikevich());
        services.AddNeuronModel(new AdEx());
        services.AddNeuronModel(new HodgkinHuxley());
        services.AddNeuronModel(new AdaptiveLif());
        services.AddNeuronModel(new DopamineLif());
        services.AddSynapseModel(new DeltaSynapse());
        services.AddSynapseModel(new ExpCurrentSynapse());
        services.AddSynapseModel(new ExpConductanceSynapse());
        services.AddSynapseModel(new PulseCurrentSynapse());
        services.AddSynapseModel(new AlphaCurrentSynapse());
        services.AddSynapseModel(new BiexpConductanceSynapse());
        services.AddSynapseModel(new NmdaSynapse());
        services.AddPlasticityRule(new Stdp());
        services.AddPlasticityRule(new RewardStdp());
        services.AddPlasticityRule(new TsodyksMarkram());
        services.AddPlasticityRule(new Oja());
        services.AddPlasticityRule(new Bcm());
        services.AddPlasticityRule(new Hebb());
        services.AddPlasticityRule(new SynapticScaling());
        services.AddPlasticityRule(new TripletStdp());
        services.AddPlasticityRule(new Clopath());
    }
}

using Cortex.Cognition.Bandit;
using Cortex.Cognition.Reinforcement;
using Cortex.Cognition.Reinforcement.Tasks;
using Cortex.Cognition.StdpDigits;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.Cognition.CognitionPlugin))]

namespace Cortex.Cognition;

/// <summary>Registers the built-in cognitive tasks through the same contract third-party plugins use.</summary>
public sealed class CognitionPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "Cortex.Cognition";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddTask(new BanditTask()).AddTask(new StdpDigitsTask())
        .AddTask(new CartPoleTask(ReinforcementAgents.All))
        .AddTask(new MountainCarTask(ReinforcementAgents.All))
        .AddTask(new MultiArmedBanditTask(ReinforcementAgents.All))
        .AddTask(new GridWorldTask(ReinforcementAgents.All))
        .AddTask(new FlappyTask(ReinforcementAgents.All));
}

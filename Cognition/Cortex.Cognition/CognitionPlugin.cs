using Cortex.Cognition.ActionSelection;
using Cortex.Cognition.Bandit;
using Cortex.Cognition.Decision;
using Cortex.Cognition.Motor;
using Cortex.Cognition.Reinforcement;
using Cortex.Cognition.Reinforcement.Tasks;
using Cortex.Cognition.StdpDigits;
using Cortex.Cognition.WorkingMemory;
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
    public void Configure(IServiceCollection services) => services
        // Decision making, working memory, action selection and motor control.
        .AddTask(new DecisionTask())
        .AddTask(new WorkingMemoryTask())
        .AddTask(new ActionSelectionTask())
        .AddTask(new ReachTask())
        // Reinforcement learning: every environment with every agent (--agent).
        .AddTask(new CartPoleTask(ReinforcementAgents.All))
        .AddTask(new MountainCarTask(ReinforcementAgents.All))
        .AddTask(new MultiArmedBanditTask(ReinforcementAgents.All))
        .AddTask(new GridWorldTask(ReinforcementAgents.All))
        .AddTask(new FlappyTask(ReinforcementAgents.All))
        // Learning without a teacher signal beyond reward, and without any.
        .AddTask(new BanditTask())
        .AddTask(new StdpDigitsTask());
}

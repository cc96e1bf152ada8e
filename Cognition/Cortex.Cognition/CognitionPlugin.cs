using Cortex.Cognition.ActionSelection;
using Cortex.Cognition.Bandit;
using Cortex.Cognition.Decision;
using Cortex.Cognition.Motor;
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
        .AddTask(new BanditTask())
        .AddTask(new StdpDigitsTask())
        .AddTask(new ReachTask())
        .AddTask(new ActionSelectionTask())
        .AddTask(new WorkingMemoryTask())
        .AddTask(new DecisionTask());
}

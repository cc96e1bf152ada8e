using Cortex.Hosting;
using Cortex.Learning;
using Cortex.Learning.Registry;
using Cortex.Plugins.Loading;

namespace Cortex.Host.Commands.Train;

/// <summary>The plugins the training commands load: the host's built-ins, Cortex.Learning and any discovered plugin (which may add layers, surrogates or encoders).</summary>
internal static class LearningCatalog
{
    public static PluginCatalog Load(CliConsole console)
    {
        var catalog = CortexComposition.Create(o =>
        {
            o.BuiltInPlugins.Add(typeof(LearningPlugin).Assembly);
            o.SearchPath = console.PluginSearch;
        });
        foreach (var fault in catalog.Faults) console.Warn(fault.Message);
        foreach (var warning in catalog.Warnings) console.Warn(warning);
        return catalog;
    }

    public static LearningRegistry Registry(PluginCatalog catalog) => new(catalog.Runtime.Services);
}

using Cortex.Backends;
using Cortex.Backends.Reference;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.Registry.KernelPlugin))]

namespace Cortex.Registry;

/// <summary>Registers what the kernel itself provides: the reference backend.</summary>
public sealed class KernelPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "Cortex.Kernel";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddSingleton<IBackend, ReferenceBackend>();
}

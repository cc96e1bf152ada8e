using Cortex.Backends;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.Hardware.Gpu.GpuBackendPlugin))]

namespace Cortex.Hardware.Gpu;

/// <summary>Registers the GPU backend through the plugin contract.</summary>
public sealed class GpuBackendPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "Cortex.Hardware.Gpu";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddSingleton<IBackend, GpuBackend>();
}

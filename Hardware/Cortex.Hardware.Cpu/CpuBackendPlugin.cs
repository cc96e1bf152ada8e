using Cortex.Backends;
using Cortex.Plugins;
using Microsoft.Extensions.DependencyInjection;

[assembly: CortexPlugin(typeof(Cortex.Hardware.Cpu.CpuBackendPlugin))]

namespace Cortex.Hardware.Cpu;

/// <summary>Registers the CPU backend through the plugin contract.</summary>
public sealed class CpuBackendPlugin : ICortexPlugin
{
    /// <inheritdoc />
    public string Name => "Cortex.Hardware.Cpu";

    /// <inheritdoc />
    public void Configure(IServiceCollection services) => services.AddSingleton<IBackend, CpuBackend>();
}

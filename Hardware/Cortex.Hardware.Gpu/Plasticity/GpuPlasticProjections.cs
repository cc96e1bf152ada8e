using Cortex.Compilation;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// Builds plastic projections on the device. STUB on branch gpu: gpu-rules replaces this file's body with the real factory;
/// until then every plasticity rule is refused by name.
/// </summary>
public static class GpuPlasticProjections
{
    /// <summary>The plastic projection of <paramref name="projection"/> on <paramref name="accelerator"/>.</summary>
    public static IGpuPlasticProjection Create(Accelerator accelerator, CompiledProjection projection, CompiledNetwork network, GpuVoltageReader? readPostVoltages) =>
        throw new NotSupportedException($"projection '{projection.Name}': plasticity on the gpu backend is not built yet");

    /// <summary>The plasticity rules of <paramref name="network"/> the device cannot run, each as "rule 'name': reason".</summary>
    public static IEnumerable<string> Unsupported(CompiledNetwork network) =>
        network.Projections.Where(p => p.Plasticity is not null)
            .Select(p => p.Plasticity!.Rule.Name).Distinct()
            .Select(name => $"plasticity rule '{name}': plastic projections are not built on the gpu backend yet");
}

using Cortex.Compilation;
using Cortex.Hardware.Gpu.Support;
using Cortex.Models;
using ILGPU.Runtime;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// Builds plastic projections on the device by visiting their rule (<see cref="PlasticityRule.Accept{TResult}"/>), and says
/// before a run which rules a GPU could not run: those whose kernels do not compile to PTX (e.g. a rule that indexes the span
/// RuleContext.Neuromodulators instead of calling RuleContext.Neuromodulator), and those that read more neuromodulators
/// than the context carries as values.
/// </summary>
public static class GpuPlasticProjections
{
    /// <summary>The plastic projection of <paramref name="projection"/> (which must have a rule) on <paramref name="accelerator"/>.</summary>
    public static IGpuPlasticProjection Create(Accelerator accelerator, CompiledProjection projection, CompiledNetwork network, GpuVoltageReader? readPostVoltages) =>
        projection.Plasticity!.Rule.Accept(new Factory(accelerator, projection, network, readPostVoltages));

    /// <summary>The plasticity rules of <paramref name="network"/> the device cannot run, each as "plasticity rule 'name': reason".</summary>
    public static IEnumerable<string> Unsupported(CompiledNetwork network) =>
        network.Projections.Where(p => p.Plasticity is not null).Select(p => p.Plasticity!.Rule)
            .DistinctBy(rule => rule.Name)
            .Select(rule => Problem(rule) is { } problem ? $"plasticity rule '{rule.Name}': {problem}" : null)
            .OfType<string>();

    /// <summary>Why <paramref name="rule"/> cannot run on a GPU, or null when it can (its kernels compile to PTX; cached per rule type).</summary>
    public static string? Problem(PlasticityRule rule)
    {
        if (rule.Neuromodulators.Count > RuleContext.InlineCapacity)
            return $"it reads {rule.Neuromodulators.Count} neuromodulators, and GPU kernels pass at most {RuleContext.InlineCapacity} (RuleContext.Neuromodulator)";
        return PtxCompileCheck.Problem(rule.Accept(new KernelList()));
    }

    private sealed class Factory(Accelerator accelerator, CompiledProjection projection, CompiledNetwork network, GpuVoltageReader? readPostVoltages)
        : IPlasticityRuleVisitor<IGpuPlasticProjection>
    {
        public IGpuPlasticProjection Visit<TSynapse, TPre, TPost, TParams, TRule>(PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule)
            where TSynapse : unmanaged
            where TPre : unmanaged
            where TPost : unmanaged
            where TParams : unmanaged
            where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
            => new GpuPlasticProjection<TSynapse, TPre, TPost, TParams, TRule>(accelerator, rule, projection, network, readPostVoltages);
    }

    private sealed class KernelList : IPlasticityRuleVisitor<Delegate[]>
    {
        public Delegate[] Visit<TSynapse, TPre, TPost, TParams, TRule>(PlasticityRule<TSynapse, TPre, TPost, TParams, TRule> rule)
            where TSynapse : unmanaged
            where TPre : unmanaged
            where TPost : unmanaged
            where TParams : unmanaged
            where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
            => GpuPlasticProjection<TSynapse, TPre, TPost, TParams, TRule>.Kernels();
    }
}

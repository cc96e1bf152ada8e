using Cortex.Models;

namespace Cortex.Hardware.Gpu.Plasticity;

/// <summary>
/// Which hooks of a rule do something, decided as the CPU backend's <c>PlasticProjectionState</c> decides it, so the GPU
/// skips exactly the work the CPU skips (skipping a lazy rule's catch-up changes its rounding, so this is about equal
/// results, not only speed).
/// </summary>
internal static class RuleHooks<TSynapse, TPre, TPost, TParams, TRule>
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
    where TParams : unmanaged
    where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
{
    /// <summary>A post spike visits the synapses onto the neuron: the hook does something, or a lazy rule must catch up on post state.</summary>
    public static bool VisitIncoming(PlasticitySchedule schedule) =>
        (schedule == PlasticitySchedule.Lazy && typeof(TPost) != typeof(NoState)) || !IsEmpty(nameof(ISynapticRule<TSynapse, TPre, TPost, TParams>.OnPostSpike));

    /// <summary>Presynaptic state advances at the end of each step.</summary>
    public static bool AdvancesPre => typeof(TPre) != typeof(NoState) && !IsEmpty(nameof(ISynapticRule<TSynapse, TPre, TPost, TParams>.AdvancePre));

    /// <summary>Postsynaptic state advances at the end of each step (without the voltage).</summary>
    public static bool AdvancesPost => typeof(TPost) != typeof(NoState) && !IsEmpty(nameof(ISynapticRule<TSynapse, TPre, TPost, TParams>.AdvancePost));

    // True when the hook's IL is a bare ret (after any nops of a debug build). False when unsure.
    private static bool IsEmpty(string name)
    {
        var map = typeof(TRule).GetInterfaceMap(typeof(ISynapticRule<TSynapse, TPre, TPost, TParams>));
        var index = Array.FindIndex(map.InterfaceMethods, m => m.Name == name);
        if (index < 0) return false;
        var il = map.TargetMethods[index].GetMethodBody()?.GetILAsByteArray();
        if (il is null || il.Length == 0) return false;
        const byte Nop = 0x00, Ret = 0x2A;
        return il[^1] == Ret && il.AsSpan(0, il.Length - 1).IndexOfAnyExcept(Nop) < 0;
    }
}

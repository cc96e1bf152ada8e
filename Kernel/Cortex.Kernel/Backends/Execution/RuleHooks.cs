using System.Diagnostics.CodeAnalysis;
using Cortex.Models;

namespace Cortex.Backends.Execution;

/// <summary>
/// Which hooks of a rule do something, read from the rule's IL. Every backend decides it here, so each skips exactly the
/// work the others skip (skipping a lazy rule's catch-up changes its rounding, so this is about equal results, not only
/// speed).
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "The answers belong to the rule's five types; a backend asks once per specialisation.")]
public static class RuleHooks<TSynapse, TPre, TPost, TParams, TRule>
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
    where TParams : unmanaged
    where TRule : struct, ISynapticRule<TSynapse, TPre, TPost, TParams>
{
    /// <summary>A post spike visits the synapses onto the neuron: the hook does something, or a lazy rule must catch up on post state.</summary>
    public static bool VisitIncoming(PlasticitySchedule schedule) =>
        (schedule == PlasticitySchedule.Lazy && typeof(TPost) != typeof(NoState)) || !IsEmpty(nameof(ISynapticRule<TSynapse, TPre, TPost, TParams>.OnPostSpike));

    /// <summary>A presynaptic neuron's spike calls <see cref="ISynapticRule{TSynapse, TPre, TPost, TParams}.OnPreNeuronSpike"/>.</summary>
    public static bool OnPreNeuronSpike => !IsEmpty(nameof(ISynapticRule<TSynapse, TPre, TPost, TParams>.OnPreNeuronSpike));

    /// <summary>A postsynaptic neuron's spike calls <see cref="ISynapticRule{TSynapse, TPre, TPost, TParams}.OnPostNeuronSpike"/>.</summary>
    public static bool OnPostNeuronSpike => !IsEmpty(nameof(ISynapticRule<TSynapse, TPre, TPost, TParams>.OnPostNeuronSpike));

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

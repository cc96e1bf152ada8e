using Cortex.Models;

namespace Cortex.Backends.Execution;

/// <summary>
/// The end-of-step pass of a voltage-reading rule (<see cref="IVoltageReadingRule{TPost, TParams}"/>) over its postsynaptic
/// neurons. The engine's rule type is constrained only to <see cref="ISynapticRule{TSynapse, TPre, TPost, TParams}"/>, so
/// the loop lives in a subclass made for the concrete rule once, by reflection: one virtual call per projection and
/// step, and a loop the JIT specialises (no boxing, no interface call per neuron).
/// </summary>
internal abstract class PostVoltageAdvance<TPost, TParams>
    where TPost : unmanaged
    where TParams : unmanaged
{
    /// <summary>Advances every neuron of <paramref name="neurons"/> with its voltage in <paramref name="voltages"/>.</summary>
    public abstract void Run(Span<TPost> neurons, in TParams parameters, ReadOnlySpan<float> voltages);

    /// <summary>The pass specialised for <typeparamref name="TRule"/>, or null when the rule does not read the voltage.</summary>
    public static PostVoltageAdvance<TPost, TParams>? For<TRule>()
        where TRule : struct
    {
        if (default(TRule) is not IVoltageReadingRule<TPost, TParams>) return null;
        var type = typeof(PostVoltageAdvance<,,>).MakeGenericType(typeof(TPost), typeof(TParams), typeof(TRule));
        return (PostVoltageAdvance<TPost, TParams>)Activator.CreateInstance(type)!;
    }
}

/// <summary>The pass for one concrete rule.</summary>
internal sealed class PostVoltageAdvance<TPost, TParams, TRule> : PostVoltageAdvance<TPost, TParams>
    where TPost : unmanaged
    where TParams : unmanaged
    where TRule : struct, IVoltageReadingRule<TPost, TParams>
{
    public override void Run(Span<TPost> neurons, in TParams parameters, ReadOnlySpan<float> voltages)
    {
        var rule = default(TRule);
        for (var n = 0; n < neurons.Length; n++) rule.AdvancePost(ref neurons[n], in parameters, voltages[n]);
    }
}

namespace Cortex.Models;

/// <summary>
/// A synaptic rule written as a struct, so the backends' loops over synapses are specialised by the JIT with no
/// virtual call per event. State lives in three places: per synapse (<typeparamref name="TSynapse"/>, any number
/// of fields), per presynaptic neuron (<typeparamref name="TPre"/>) and per postsynaptic neuron
/// (<typeparamref name="TPost"/>), each projection having its own. The stored weight is passed by reference;
/// what a spike delivers is the efficacy <see cref="OnPreArrival"/> returns, so short-term plasticity can scale
/// a spike without touching the weight.
/// <para>Order within a step: arrivals (pre spikes reaching their synapses) before the neuron update; then for each
/// neuron that spiked: <see cref="OnPostSpike"/> for each incoming synapse, <see cref="OnPostNeuronSpike"/>,
/// and, as a source, <see cref="OnPreNeuronSpike"/>; at the end of the step <see cref="AdvancePre"/> and
/// <see cref="AdvancePost"/> for every neuron, and <see cref="Update"/> per synapse when the rule asks for it.</para>
/// </summary>
public interface ISynapticRule<TSynapse, TPre, TPost, TParams>
    where TSynapse : unmanaged
    where TPre : unmanaged
    where TPost : unmanaged
    where TParams : unmanaged
{
    /// <summary>A presynaptic spike reaches the synapse (after its delay); returns the efficacy delivered to the receptor.</summary>
    float OnPreArrival(ref TSynapse synapse, ref float weight, ref TPre pre, ref TPost post, in TParams parameters, in RuleContext context);

    /// <summary>The postsynaptic neuron spiked: called for each synapse onto it, before <see cref="OnPostNeuronSpike"/>.</summary>
    void OnPostSpike(ref TSynapse synapse, ref float weight, ref TPre pre, ref TPost post, in TParams parameters, in RuleContext context);

    /// <summary>The presynaptic neuron spiked (at emission, before its delays).</summary>
    void OnPreNeuronSpike(ref TPre pre, in TParams parameters, in RuleContext context);

    /// <summary>The postsynaptic neuron spiked, after all its synapses saw <see cref="OnPostSpike"/>.</summary>
    void OnPostNeuronSpike(ref TPost post, in TParams parameters, in RuleContext context);

    /// <summary>Advances a presynaptic neuron's state by one step (end of step).</summary>
    void AdvancePre(ref TPre pre, in TParams parameters);

    /// <summary>
    /// Advances a postsynaptic neuron's state by one step (end of step). Not called for a rule that also implements
    /// <see cref="IVoltageReadingRule{TPost, TParams}"/>: its <c>AdvancePost</c> with the neuron's membrane potential runs instead.
    /// </summary>
    void AdvancePost(ref TPost post, in TParams parameters);

    /// <summary>
    /// Advances one synapse by <paramref name="steps"/> steps: every step when <see cref="PlasticityRule.Schedule"/> is
    /// <see cref="PlasticitySchedule.EveryStep"/> (steps = 1), or lazily, just before the synapse's next event or a
    /// weight read, when it is <see cref="PlasticitySchedule.Lazy"/>. Not called for <see cref="PlasticitySchedule.EventsOnly"/>.
    /// </summary>
    void Update(ref TSynapse synapse, ref float weight, ref TPost post, in TParams parameters, in RuleContext context, int steps);
}

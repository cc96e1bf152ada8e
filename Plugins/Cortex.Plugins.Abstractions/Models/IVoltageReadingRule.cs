namespace Cortex.Models;

/// <summary>
/// Optional for a synaptic rule: implemented by a rule's dynamics struct (besides
/// <see cref="ISynapticRule{TSynapse, TPre, TPost, TParams}"/>) when the rule reads the postsynaptic membrane potential,
/// as voltage-based STDP does. The backends then call <see cref="AdvancePost"/> below at the end of every step, for
/// every postsynaptic neuron, in place of the voltage-free <c>ISynapticRule.AdvancePost</c> (leave that one empty).
/// <para>The voltage is what the target neuron model's <see cref="INeuronDynamics{TState, TParams}.Voltage"/> returns (mV)
/// after the step's neuron update: a neuron that spiked in the step has already been reset. A rule that needs the
/// spike itself keeps it in its postsynaptic state from <c>OnPostNeuronSpike</c>, which runs earlier in the step.
/// Whatever <see cref="AdvancePost"/> stores there is what <c>Update</c> sees in the same step.</para>
/// <para>Only models that declare a membrane potential (a state variable <see cref="NeuronModel.VoltageVariable"/> with
/// the dimension of a voltage; see <see cref="NeuronModel.HasVoltage"/>) can be the target of such a rule: validation
/// refuses the projection otherwise.</para>
/// </summary>
public interface IVoltageReadingRule<TPost, TParams>
    where TPost : unmanaged
    where TParams : unmanaged
{
    /// <summary>Advances a postsynaptic neuron's state by one step (end of step), given its membrane potential <paramref name="voltage"/> (mV).</summary>
    void AdvancePost(ref TPost post, in TParams parameters, float voltage);
}

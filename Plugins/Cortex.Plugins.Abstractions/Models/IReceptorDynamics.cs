namespace Cortex.Models;

/// <summary>
/// The dynamics of a receptor (postsynaptic synapse model) as a struct, like <see cref="INeuronDynamics{TState, TParams}"/>:
/// one state per neuron and port, which receives the summed weights arriving in a step, contributes an input at
/// the membrane potential the step starts from, and then advances one step.
/// </summary>
public interface IReceptorDynamics<TState, TParams>
    where TState : unmanaged
    where TParams : unmanaged
{
    /// <summary>Takes the sum of the weights arriving this step.</summary>
    void Receive(ref TState state, in TParams parameters, float weight);

    /// <summary>The receptor's input to the neuron at membrane potential <paramref name="voltage"/> (mV).</summary>
    PortInput Input(in TState state, in TParams parameters, float voltage);

    /// <summary>Advances the state by one step (after the neuron used <see cref="Input"/>).</summary>
    void Advance(ref TState state, in TParams parameters);

    /// <summary>Reads state variable number <paramref name="variable"/> (order of <see cref="SynapseModel.StateVariables"/>).</summary>
    float Get(in TState state, int variable);

    /// <summary>Writes state variable number <paramref name="variable"/>.</summary>
    void Set(ref TState state, int variable, float value);
}

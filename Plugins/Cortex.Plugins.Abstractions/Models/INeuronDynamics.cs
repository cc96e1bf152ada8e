namespace Cortex.Models;

/// <summary>
/// The dynamics of a neuron model, written once as a struct so every backend can use it: the reference
/// backend calls it one neuron at a time, the CPU backend gets a JIT-specialised loop, a GPU backend can
/// compile the same struct into a kernel. <typeparamref name="TParams"/> is prepared once per run for a
/// fixed dt (propagators such as exp(-dt/τ) are computed there, not per step), per neuron when the spec
/// gives a parameter a distribution.
/// </summary>
public interface INeuronDynamics<TState, TParams>
    where TState : unmanaged
    where TParams : unmanaged
{
    /// <summary>Advances one neuron by one time step with <paramref name="input"/> held constant over the step; true when it spiked.</summary>
    bool Step(ref TState state, in TParams parameters, in NeuronInput input);

    /// <summary>The membrane potential (mV), which conductance-based receptors need to compute their current.</summary>
    float Voltage(in TState state);

    /// <summary>Applies an instantaneous voltage jump (delta synapse); a model may ignore it while refractory.</summary>
    void AddVoltage(ref TState state, in TParams parameters, float jump);

    /// <summary>Reads state variable number <paramref name="variable"/> in internal units (order of <see cref="NeuronModel.StateVariables"/>).</summary>
    float Get(in TState state, int variable);

    /// <summary>Writes state variable number <paramref name="variable"/> (initial state, closed-loop writes).</summary>
    void Set(ref TState state, int variable, float value);
}

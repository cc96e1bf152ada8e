namespace Cortex.Models;

/// <summary>
/// Receives a neuron model with its concrete state, parameter and dynamics types, so a backend can
/// build its loop or compile its kernel for any model, built-in or plugin, without testing for
/// model classes. Obtain the types with <see cref="NeuronModel.Accept{TResult}"/>.
/// </summary>
public interface INeuronModelVisitor<out TResult>
{
    /// <summary>Called with the model.</summary>
    TResult Visit<TState, TParams, TDynamics>(NeuronModel<TState, TParams, TDynamics> model)
        where TState : unmanaged
        where TParams : unmanaged
        where TDynamics : struct, INeuronDynamics<TState, TParams>;
}

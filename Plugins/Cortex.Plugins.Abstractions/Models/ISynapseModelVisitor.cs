namespace Cortex.Models;

/// <summary>
/// Receives a receptor (postsynaptic synapse) model with its concrete state, parameter and dynamics
/// types: the receptor counterpart of <see cref="INeuronModelVisitor{TResult}"/>. Obtain the types
/// with <see cref="SynapseModel.Accept{TResult}"/>.
/// </summary>
public interface ISynapseModelVisitor<out TResult>
{
    /// <summary>Called with the model.</summary>
    TResult Visit<TState, TParams, TDynamics>(SynapseModel<TState, TParams, TDynamics> model)
        where TState : unmanaged
        where TParams : unmanaged
        where TDynamics : struct, IReceptorDynamics<TState, TParams>;
}

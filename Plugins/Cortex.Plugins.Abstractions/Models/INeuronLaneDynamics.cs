using System.Numerics;

namespace Cortex.Models;

/// <summary>
/// Optional SIMD form of a neuron model's dynamics: <see cref="Vector{T}.Count"/> neurons advance at once, their state
/// held in <typeparamref name="TLanes"/> (a struct of <see cref="Vector{T}"/> fields, one per state field). A CPU backend
/// that finds this interface on a model's dynamics struct (built-in or plugin, through
/// <see cref="NeuronModel.Accept{TResult}"/>) runs the model in SIMD lanes; without it the model runs its scalar
/// <see cref="INeuronDynamics{TState, TParams}.Step"/> in a JIT-specialised loop.
/// </summary>
/// <remarks>
/// Contract, which lets a backend stay bit-identical to the scalar reference:
/// <list type="bullet">
/// <item>every lane performs exactly the float operations of the scalar <c>Step</c>, in the same order
/// (branches become lane selects);</item>
/// <item><c>Step</c> reads only <see cref="NeuronInput.Current"/>: a model whose step draws random numbers or reads
/// ports, the external part or neuromodulators must not implement this interface;</item>
/// <item>the parameters are shared by all lanes (populations with per-neuron parameters run the scalar loop).</item>
/// </list>
/// </remarks>
public interface INeuronLaneDynamics<TState, TParams, TLanes> : INeuronDynamics<TState, TParams>
    where TState : unmanaged
    where TParams : unmanaged
    where TLanes : unmanaged
{
    /// <summary>
    /// Advances the neurons of <paramref name="lanes"/> by one step, lane i with input current <paramref name="current"/>[i];
    /// returns a mask with all bits set in the lanes that spiked and zero elsewhere.
    /// </summary>
    Vector<int> Step(ref TLanes lanes, in TParams parameters, Vector<float> current);

    /// <summary>The membrane potentials of the lanes (mV), which conductance-based receptors need.</summary>
    Vector<float> Voltage(in TLanes lanes);

    /// <summary>The state of lane <paramref name="lane"/>, for the scalar operations (reads, writes, voltage jumps, snapshots).</summary>
    TState GetLane(in TLanes lanes, int lane);

    /// <summary>Writes the state of lane <paramref name="lane"/>.</summary>
    void SetLane(ref TLanes lanes, int lane, in TState state);
}

namespace Cortex.Nir.Nodes;

/// <summary>
/// Current-based LIF (NIR <c>CubaLIF</c>): τ_syn dI/dt = −I + w_in·S, τ_mem dv/dt = (v_leak − v) + R·I;
/// spike at v_threshold, reset to v_reset. Per-neuron parameters; time constants in seconds.
/// </summary>
public sealed record NirCubaLif(
    NirTensor TauSyn,
    NirTensor TauMem,
    NirTensor R,
    NirTensor VLeak,
    NirTensor VThreshold,
    NirTensor VReset,
    NirTensor WIn) : NirNode, INirNeuronNode
{
    /// <inheritdoc />
    public override string TypeName => "CubaLIF";

    /// <inheritdoc />
    public int[] NeuronShape => VThreshold.Shape;
}

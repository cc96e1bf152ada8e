namespace Cortex.Nir.Nodes;

/// <summary>
/// Leaky integrate-and-fire (NIR <c>LIF</c>): τ dv/dt = (v_leak − v) + R·I; spike when v crosses
/// v_threshold, then v = v_reset. Every parameter is per neuron; τ in seconds.
/// Files older than NIR 1.0 have no v_reset; the reader fills zeros, as the Python library does.
/// </summary>
public sealed record NirLif(NirTensor Tau, NirTensor R, NirTensor VLeak, NirTensor VThreshold, NirTensor VReset) : NirNode, INirNeuronNode
{
    /// <inheritdoc />
    public override string TypeName => "LIF";

    /// <inheritdoc />
    public int[] NeuronShape => VThreshold.Shape;
}

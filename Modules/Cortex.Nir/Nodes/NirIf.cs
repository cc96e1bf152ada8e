namespace Cortex.Nir.Nodes;

/// <summary>
/// Integrate-and-fire without leak (NIR <c>IF</c>): dv/dt = R·I (t in seconds); spike at v_threshold,
/// reset to v_reset. Per-neuron parameters.
/// </summary>
public sealed record NirIf(NirTensor R, NirTensor VThreshold, NirTensor VReset) : NirNode, INirNeuronNode
{
    /// <inheritdoc />
    public override string TypeName => "IF";

    /// <inheritdoc />
    public int[] NeuronShape => VThreshold.Shape;
}

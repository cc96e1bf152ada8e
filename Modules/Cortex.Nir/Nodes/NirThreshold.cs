namespace Cortex.Nir.Nodes;

/// <summary>Heaviside z = (x &gt; θ) per element (NIR <c>Threshold</c>).</summary>
public sealed record NirThreshold(NirTensor Threshold) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Threshold";
}

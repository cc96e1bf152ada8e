namespace Cortex.Nir.Nodes;

/// <summary>Element-wise y = x ⊙ s (NIR <c>Scale</c>).</summary>
public sealed record NirScale(NirTensor Scale) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Scale";
}

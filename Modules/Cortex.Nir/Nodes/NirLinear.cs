namespace Cortex.Nir.Nodes;

/// <summary>y = W·x without bias (NIR <c>Linear</c>): <see cref="Weight"/> is [out, in].</summary>
public sealed record NirLinear(NirTensor Weight) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Linear";
}

namespace Cortex.Nir.Nodes;

/// <summary>y = W·x + b (NIR <c>Affine</c>): <see cref="Weight"/> is [out, in], <see cref="Bias"/> is [out].</summary>
public sealed record NirAffine(NirTensor Weight, NirTensor Bias) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Affine";
}

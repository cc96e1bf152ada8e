namespace Cortex.Nir.Nodes;

/// <summary>
/// Flattens dimensions <see cref="StartDim"/>..<see cref="EndDim"/> (inclusive, −1 = last) of an input of
/// shape <see cref="InputType"/> (NIR <c>Flatten</c>; NIR counts dimensions without the batch).
/// </summary>
public sealed record NirFlatten(int StartDim, int EndDim, int[]? InputType) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Flatten";
}

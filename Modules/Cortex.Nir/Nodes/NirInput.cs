namespace Cortex.Nir.Nodes;

/// <summary>Graph input: data of <see cref="Shape"/> enters here (NIR <c>Input</c>, parameter <c>shape</c>).</summary>
public sealed record NirInput(int[] Shape) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Input";
}

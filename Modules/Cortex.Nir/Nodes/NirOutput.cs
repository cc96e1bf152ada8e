namespace Cortex.Nir.Nodes;

/// <summary>Graph output of <see cref="Shape"/> (NIR <c>Output</c>, parameter <c>shape</c>).</summary>
public sealed record NirOutput(int[] Shape) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Output";
}

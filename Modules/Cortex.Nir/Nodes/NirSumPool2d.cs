namespace Cortex.Nir.Nodes;

/// <summary>2-D sum pooling (NIR <c>SumPool2d</c>); each parameter is (height, width).</summary>
public sealed record NirSumPool2d(int[] KernelSize, int[] Stride, int[] Padding) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "SumPool2d";
}

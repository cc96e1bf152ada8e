namespace Cortex.Nir.Nodes;

/// <summary>
/// 2-D convolution (NIR <c>Conv2d</c>): <see cref="Weight"/> is [out channels, in channels / groups, kh, kw],
/// <see cref="Bias"/> is [out channels]; stride, padding and dilation are (height, width).
/// <see cref="InputShape"/> is the spatial input size (height, width), which NIR needs to fix the output shape.
/// NIR also allows padding "same"/"valid"; the reader turns those into explicit numbers.
/// </summary>
public sealed record NirConv2d(
    NirTensor Weight,
    NirTensor Bias,
    int[] Stride,
    int[] Padding,
    int[] Dilation,
    int Groups,
    int[]? InputShape) : NirNode
{
    /// <inheritdoc />
    public override string TypeName => "Conv2d";
}

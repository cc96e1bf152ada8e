using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Attention;

/// <summary>
/// MA-SNN's spatial attention (SA, in the CBAM form): at each step, each sample's input [C, H, W] is squeezed
/// over the channels to an average map and a maximum map, and one k×k convolution (2 → 1 channels, zero
/// padding k/2, no bias) followed by a sigmoid gives one gate per pixel. The convolution is shared by all steps.
/// </summary>
public sealed class SpatialAttention : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;

    /// <summary>Creates SA with an odd <paramref name="kernel"/>×<paramref name="kernel"/> convolution.</summary>
    public SpatialAttention(long kernel) : base("spatial_attention")
    {
        if (kernel < 1 || kernel % 2 == 0) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "must be odd and >= 1 (the map keeps its size)");
        Kernel = kernel;
        conv = nn.Conv2d(2, 1, kernel, padding: kernel / 2, bias: false);
        register_module("conv", conv);
    }

    /// <summary>The convolution's kernel size k.</summary>
    public long Kernel { get; }

    /// <summary>The convolution weight [1, 2, k, k]: input channel 0 sees the average map, 1 the maximum map.</summary>
    public Parameter Weight => conv.weight!;

    /// <summary>The gate for <paramref name="input"/> [T, B, C, H, W]: [T, B, 1, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var steps = input.shape[0];
        var batch = input.shape[1];
        var samples = input.flatten(0, 1);                                          // [T·B, C, H, W]
        var maps = cat([samples.mean([1], keepdim: true), samples.amax([1], keepdim: true)], 1);
        return conv.call(maps).sigmoid().unflatten(0, [steps, batch]).MoveToOuterDisposeScope();
    }
}

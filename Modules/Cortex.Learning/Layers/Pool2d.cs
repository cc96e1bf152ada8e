using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// A 2-D pooling window applied at every time step: [T, B, C, H, W] → [T, B, C, H', W'] (floor mode,
/// no dilation). Subclasses say how a window is reduced.
/// </summary>
public abstract class Pool2d : TimeDistributedLayer
{
    /// <summary>Creates the pooling; libtorch requires padding of at most half the kernel.</summary>
    protected Pool2d(string name, SpatialPair kernel, SpatialPair stride, SpatialPair padding) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(kernel.Height, kernel.Width), 1, nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(stride.Height, stride.Width), 1, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(padding.Height, padding.Width), 0, nameof(padding));
        if (padding.Height > kernel.Height / 2 || padding.Width > kernel.Width / 2)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"padding must be at most half the kernel ({kernel})");
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
    }

    /// <summary>Window size.</summary>
    public SpatialPair Kernel { get; }

    /// <summary>Step between windows.</summary>
    public SpatialPair Stride { get; }

    /// <summary>Padding on each side.</summary>
    public SpatialPair Padding { get; }

    /// <summary>The per-sample output shape [C, H', W'] for an input [<paramref name="channels"/>, <paramref name="height"/>, <paramref name="width"/>].</summary>
    public long[] OutputShape(long channels, long height, long width) =>
    [
        channels,
        SpatialPair.SlidingOutput(height, Kernel.Height, Stride.Height, Padding.Height),
        SpatialPair.SlidingOutput(width, Kernel.Width, Stride.Width, Padding.Width),
    ];
}

/// <summary>Average pooling; padded zeros count in the average (PyTorch's default <c>count_include_pad</c>).</summary>
public sealed class AvgPool2d(SpatialPair kernel, SpatialPair stride, SpatialPair padding) : Pool2d("avgpool", kernel, stride, padding)
{
    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples) =>
        nn.functional.avg_pool2d(samples, Kernel.ToArray(), Stride.ToArray(), Padding.ToArray());
}

/// <summary>Max pooling; on spikes it is a logical OR over the window.</summary>
public sealed class MaxPool2d(SpatialPair kernel, SpatialPair stride, SpatialPair padding) : Pool2d("maxpool", kernel, stride, padding)
{
    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples) =>
        nn.functional.max_pool2d(samples, Kernel.ToArray(), Stride.ToArray(), Padding.ToArray());
}

/// <summary>
/// Sum pooling, NIR's <c>SumPool2d</c>: each output is the sum of its window, so a spike count stays a
/// count — which is what neuromorphic targets implement (average pooling only exports as sum pooling with
/// weights rescaled).
/// </summary>
public sealed class SumPool2d(SpatialPair kernel, SpatialPair stride, SpatialPair padding) : Pool2d("sumpool", kernel, stride, padding)
{
    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples)
    {
        // TorchSharp 0.107 ignores avg_pool2d's divisor_override; with padded zeros counted, every window's
        // average has the divisor kh·kw, so scaling it back gives the exact sum.
        using var average = nn.functional.avg_pool2d(samples, Kernel.ToArray(), Stride.ToArray(), Padding.ToArray(), count_include_pad: true);
        return average.mul(Kernel.Height * Kernel.Width);
    }
}

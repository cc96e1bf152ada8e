using Cortex.Learning.Quantization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// A 2-D convolution applied at every time step: [T, B, C, H, W] → [T, B, C', H', W'], computed as one
/// convolution over a batch of T·B images. Initialised as PyTorch's <c>nn.Conv2d</c> (uniform in ±1/√fan_in,
/// fan_in = C·kh·kw). No dilation or groups (NIR's Conv2d export assumes neither).
/// </summary>
public sealed class TimeDistributedConv2d : TimeDistributedLayer, IQuantizableWeights
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters through them.
    private readonly Parameter weight;
    private readonly Parameter? bias;

    /// <summary>Creates the convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> channels.</summary>
    public TimeDistributedConv2d(long inChannels, long outChannels, SpatialPair kernel, SpatialPair stride, SpatialPair padding, bool hasBias = true,
        WeightQuantizer? quantizer = null)
        : base("conv2d")
    {
        Quantizer = quantizer;
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(kernel.Height, kernel.Width), 1, nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(stride.Height, stride.Width), 1, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfLessThan(Math.Min(padding.Height, padding.Width), 0, nameof(padding));
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        var bound = 1 / Math.Sqrt(inChannels * kernel.Height * kernel.Width);
        using (no_grad())
        {
            weight = nn.Parameter(empty(outChannels, inChannels, kernel.Height, kernel.Width).uniform_(-bound, bound));
            bias = hasBias ? nn.Parameter(empty(outChannels).uniform_(-bound, bound)) : null;
        }
        register_parameter("weight", weight);
        if (bias is not null) register_parameter("bias", bias);
    }

    /// <summary>Input channels.</summary>
    public long InChannels { get; }

    /// <summary>Output channels.</summary>
    public long OutChannels { get; }

    /// <summary>Kernel size.</summary>
    public SpatialPair Kernel { get; }

    /// <summary>Stride.</summary>
    public SpatialPair Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public SpatialPair Padding { get; }

    /// <summary>The kernels [out, in, kh, kw] (PyTorch and NIR layout).</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null without bias.</summary>
    public Parameter? Bias => bias;

    /// <summary>The per-sample output shape [C', H', W'] for an input of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public long[] OutputShape(long height, long width) =>
    [
        OutChannels,
        SpatialPair.SlidingOutput(height, Kernel.Height, Stride.Height, Padding.Height),
        SpatialPair.SlidingOutput(width, Kernel.Width, Stride.Width, Padding.Width),
    ];

    /// <summary>Quantisation-aware training of the weights (<c>weight_bits</c>), or null for float weights.</summary>
    public WeightQuantizer? Quantizer { get; }

    /// <inheritdoc />
    Tensor IQuantizableWeights.Weight => weight;

    /// <inheritdoc />
    public Tensor DeployedWeight() => Quantizer?.Quantize(weight) ?? weight.detach().clone();

    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples)
    {
        if (Quantizer is null) return nn.functional.conv2d(samples, weight, bias, Stride.ToArray(), Padding.ToArray());
        using var quantized = Quantizer.FakeQuantize(weight);
        return nn.functional.conv2d(samples, quantized, bias, Stride.ToArray(), Padding.ToArray());
    }
}

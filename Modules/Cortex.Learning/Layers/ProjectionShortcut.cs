using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// The projection shortcut of a residual block: a bias-free 1×1 convolution (or linear map for feature
/// vectors) followed by tdBN, as MS-ResNet's downsampling shortcut.
/// </summary>
public sealed class ProjectionShortcut : nn.Module<Tensor, Tensor>
{
    private readonly TimeDistributedLayer projection;
    private readonly ThresholdDependentBatchNorm norm;

    /// <summary>Creates the shortcut from a projection (<see cref="TimeDistributedConv2d"/> or <see cref="TimeDistributedLinear"/>) and its normalisation.</summary>
    public ProjectionShortcut(TimeDistributedLayer projection, ThresholdDependentBatchNorm norm) : base("projection")
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(norm);
        if (projection is not (TimeDistributedConv2d or TimeDistributedLinear))
            throw new ArgumentException("the projection must be a 1x1 convolution or a linear map", nameof(projection));
        this.projection = projection;
        this.norm = norm;
        register_module("projection", projection);
        register_module("norm", norm);
    }

    /// <summary>The 1×1 convolution or linear map.</summary>
    public TimeDistributedLayer Projection => projection;

    /// <summary>The normalisation after it.</summary>
    public ThresholdDependentBatchNorm Norm => norm;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var projected = projection.call(input);
        return norm.call(projected);
    }
}

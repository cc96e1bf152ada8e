using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// Threshold-dependent batch normalisation, tdBN (Zheng et al. 2021, "Going Deeper With Directly-Trained
/// Larger Spiking Neural Networks", AAAI): per channel, y = α·V_th·γ·(x − μ)/√(σ² + ε) + β, with μ and σ²
/// taken over time, batch and space together (T·B·H·W values per channel). Normalising to α·V_th instead of
/// 1 keeps pre-activations on the scale of the firing threshold, which balances firing in deep SNNs.
/// Input [T, B, C] (after a linear layer) or [T, B, C, H, W] (after a convolution); in evaluation mode the
/// running statistics replace the batch statistics, as in ordinary batch normalisation.
/// </summary>
public sealed class ThresholdDependentBatchNorm : TimeDistributedLayer
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters and buffers through them.
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;

    /// <summary>Creates the normalisation of <paramref name="channels"/> channels; γ starts at 1, β at 0.</summary>
    public ThresholdDependentBatchNorm(long channels, double alpha = 1, double threshold = 1, double eps = 1e-5, double momentum = 0.1)
        : base("tdbn")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (!(alpha > 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be positive and finite");
        if (!(threshold > 0) || double.IsInfinity(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be positive and finite");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be positive");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        Channels = channels;
        Alpha = alpha;
        Threshold = threshold;
        Eps = eps;
        Momentum = momentum;
        weight = nn.Parameter(ones(channels));
        bias = nn.Parameter(zeros(channels));
        running_mean = zeros(channels);
        running_var = ones(channels);
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        register_buffer("running_mean", running_mean);
        register_buffer("running_var", running_var);
    }

    /// <summary>Number of channels (features after a linear layer).</summary>
    public long Channels { get; }

    /// <summary>α, the hyperparameter scaling the normalised pre-activation (1 in the paper, 1/√2 before residual additions).</summary>
    public double Alpha { get; }

    /// <summary>V_th, the firing threshold of the neurons this layer feeds.</summary>
    public double Threshold { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>The learnable scale γ [C] (the effective scale is α·V_th·γ).</summary>
    public Parameter Weight => weight;

    /// <summary>The learnable shift β [C].</summary>
    public Parameter Bias => bias;

    /// <summary>Running mean [C], used in evaluation mode.</summary>
    public Tensor RunningMean => running_mean;

    /// <summary>Running (unbiased) variance [C], used in evaluation mode.</summary>
    public Tensor RunningVar => running_var;

    /// <summary>
    /// The evaluation-mode map as a per-channel affine y = scale·x + shift (detached), so exporters can fold
    /// the normalisation into the preceding weights.
    /// </summary>
    public (Tensor Scale, Tensor Shift) FoldedAffine()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var scale = weight * (Alpha * Threshold) / (running_var + Eps).sqrt();
        var shift = bias - running_mean * scale;
        return (scale.MoveToOuterDisposeScope(), shift.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    protected override bool IsPerSample => false;   // batch statistics (and their unbiased running variance) need all T·B samples

    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples)
    {
        // Over the merged [T·B, C, …] batch, batch_norm's per-channel statistics are exactly tdBN's over T·B·H·W.
        using var scale = weight * (Alpha * Threshold);
        return nn.functional.batch_norm(samples, running_mean, running_var, scale, bias, training, Momentum, Eps);
    }
}

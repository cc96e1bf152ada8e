using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Attention;

/// <summary>
/// The multi-dimensional attention block of MA-SNN (Yao et al., "Attention Spiking Neural Networks", IEEE TPAMI
/// 2023), placed between a linear/conv (+ norm) layer and its spiking neurons, so it reshapes the input the
/// membrane potential integrates: X ← TA(X) ⊙ X, then X ← CA(X) ⊙ X, then X ← SA(X) ⊙ X, each stage only where
/// the block holds it (any combination). The gates lie in (0, 1): attention only turns inputs down, which is how
/// the paper makes the network spike less where it matters little. With <see cref="Rectify"/>, a ReLU follows
/// (SpikingJelly's <c>MultiDimensionalAttention</c> ends with one).
/// </summary>
public sealed class MultiDimensionalAttention : nn.Module<Tensor, Tensor>
{
    private readonly TemporalAttention? temporal;
    private readonly ChannelAttention? channel;
    private readonly SpatialAttention? spatial;
    private readonly string _origin;

    /// <summary>Creates the block from its stages (null where absent; at least one); <paramref name="origin"/> names it in errors.</summary>
    public MultiDimensionalAttention(TemporalAttention? temporal, ChannelAttention? channel, SpatialAttention? spatial, bool rectify = false, string origin = "ma")
        : base("ma")
    {
        if (temporal is null && channel is null && spatial is null)
            throw new ArgumentException("an attention block needs at least one of temporal, channel and spatial attention");
        this.temporal = temporal;
        this.channel = channel;
        this.spatial = spatial;
        Rectify = rectify;
        _origin = origin;
        if (temporal is not null) register_module("temporal", temporal);
        if (channel is not null) register_module("channel", channel);
        if (spatial is not null) register_module("spatial", spatial);
    }

    /// <summary>TA, or null.</summary>
    public TemporalAttention? Temporal => temporal;

    /// <summary>CA, or null.</summary>
    public ChannelAttention? Channel => channel;

    /// <summary>SA, or null.</summary>
    public SpatialAttention? Spatial => spatial;

    /// <summary>Which stages the block holds.</summary>
    public AttentionDimensions Dimensions =>
        (temporal is null ? 0 : AttentionDimensions.Temporal) | (channel is null ? 0 : AttentionDimensions.Channel) | (spatial is null ? 0 : AttentionDimensions.Spatial);

    /// <summary>Whether a ReLU follows the gates (negative membrane inputs become 0).</summary>
    public bool Rectify { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
            throw new ArgumentException($"{_origin}: expected input [T, batch, features...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        if (temporal is not null && input.shape[0] != temporal.Steps)
            throw new ArgumentException($"{_origin}: the input has {input.shape[0]} time steps, but the layer was built for steps = {temporal.Steps} (temporal attention weighs each step)", nameof(input));
        using var scope = NewDisposeScope();
        var x = input;
        if (temporal is not null) x = temporal.call(x) * x;
        if (channel is not null) x = channel.call(x) * x;
        if (spatial is not null) x = spatial.call(x) * x;
        if (Rectify) x = nn.functional.relu(x);
        return x.MoveToOuterDisposeScope();
    }
}

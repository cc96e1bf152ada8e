using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Quantization;

/// <summary>
/// Quantisation-aware training of a layer's weights: symmetric, per-tensor, b-bit signed integers
/// (levels −(2^(b−1)−1) … 2^(b−1)−1, scale s = max|w| / (2^(b−1)−1), so zero stays exactly zero). The forward
/// uses the quantised weights q(w) = s·round(w / s); the backward is the straight-through estimator
/// (Bengio et al. 2013; Jacob et al. 2018): ∂q/∂w is taken as 1, so the float weights keep learning while
/// the loss sees the weights a b-bit device would hold. The scale follows the weights and is not learned.
/// </summary>
public sealed class WeightQuantizer
{
    /// <summary>Smallest and largest bit widths a config may ask for.</summary>
    public const int MinBits = 2, MaxBits = 16;

    /// <summary>Creates a quantiser to <paramref name="bits"/> bits (2 … 16).</summary>
    public WeightQuantizer(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, MinBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
        Bits = bits;
    }

    /// <summary>Bits per weight, sign included.</summary>
    public int Bits { get; }

    /// <summary>The largest integer level, 2^(b−1) − 1 (127 for 8 bits, 7 for 4 bits).</summary>
    public int MaxLevel => (1 << (Bits - 1)) - 1;

    /// <summary>The scale s = max|w| / <see cref="MaxLevel"/> of <paramref name="weight"/> (0 for all-zero weights).</summary>
    public double Scale(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var guard = no_grad();
        using var largest = weight.abs().max();
        return largest.to(float64).item<double>() / MaxLevel;
    }

    /// <summary>
    /// The quantised weights with the straight-through gradient: w + (q(w) − w).detach(), which equals q(w)
    /// forward and passes the gradient to w unchanged.
    /// </summary>
    public Tensor FakeQuantize(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var quantized = Quantize(weight);
        using var offset = quantized - weight.detach();
        return weight + offset;
    }

    /// <summary>q(w) = s·clamp(round(w / s)) without gradient: what an exporter writes and a device stores.</summary>
    public Tensor Quantize(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        using var guard = no_grad();
        var scale = Scale(weight);
        if (scale == 0) return weight.detach().clone();
        using var levels = weight.detach().div(scale).round_().clamp_(-MaxLevel, MaxLevel);
        return levels.mul(scale).to(weight.dtype);
    }

    /// <summary>
    /// Reads the optional <c>weight_bits</c> key of a weight layer: null when absent (float weights), else a
    /// quantiser; an out-of-range value is an error naming the key.
    /// </summary>
    public static WeightQuantizer? Read(ConfigNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Has("weight_bits")) return null;
        return new WeightQuantizer(config.WholeNumber("weight_bits", MinBits, MaxBits));
    }
}

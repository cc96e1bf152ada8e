using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Phase coding (Kim et al. 2018, "Deep neural networks with weighted spikes"): the input quantised to
/// <see cref="Bits"/> bits, v = min(2^K − 1, floor(x · 2^K)), is sent most significant bit first; at step t
/// the phase is k = t mod K and the input spikes when bit K − 1 − k of v is set. A spike at phase k carries
/// weight 2^−(1+k) (<see cref="Weights"/>): the first layer must multiply its input at step t by that
/// weight, and then one period sums to v / 2^K, within 2^−K of x.
/// </summary>
public sealed class PhaseEncoder : SpikeEncoder
{
    /// <summary>Creates the encoder with <paramref name="bits"/> phases per period (1 to 16).</summary>
    public PhaseEncoder(int bits = 8)
    {
        if (bits is < 1 or > 16)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"phase: bits must be between 1 and 16, got {bits}");
        Bits = bits;
    }

    /// <summary>Phases per period (the quantisation in bits).</summary>
    public int Bits { get; }

    /// <inheritdoc />
    public override string Name => "phase";

    /// <summary>The weight of a spike at each step, 2^−(1 + (t mod K)), as float32 [T].</summary>
    public Tensor Weights(int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"phase: steps must be >= 1, got {steps}");
        var weights = new float[steps];
        for (var t = 0; t < steps; t++) weights[t] = MathF.Pow(2, -(1 + t % Bits));
        return tensor(weights);
    }

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator)
    {
        var levels = 1L << Bits;
        var value = (batch * levels).floor().clamp_(0, levels - 1).to_type(ScalarType.Int64);
        var shifts = new long[steps];
        for (var t = 0; t < steps; t++) shifts[t] = Bits - 1 - t % Bits;
        var shift = tensor(shifts, device: batch.device).view([steps, .. Enumerable.Repeat(1L, (int)batch.dim())]);
        return value.unsqueeze(0).bitwise_right_shift(shift).bitwise_and(1).to_type(ScalarType.Float32);
    }
}

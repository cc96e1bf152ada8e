using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Base of the built-in encoders: checks the arguments once (steps ≥ 1, a batch dimension, values in
/// [0, 1]) so every encoder reports bad input the same way, and frees intermediates in a dispose scope.
/// </summary>
public abstract class SpikeEncoder : ISpikeEncoder
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public Tensor Encode(Tensor batch, int steps, Generator? generator)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (steps < 1)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"encoder '{Name}': steps must be >= 1, got {steps}");
        if (batch.dim() < 1)
            throw new ArgumentException($"encoder '{Name}': expected a batch [B, ...], got a scalar", nameof(batch));
        if (batch.numel() > 0)
        {
            using var minimum = batch.min();
            using var maximum = batch.max();
            var (low, high) = (minimum.ToDouble(), maximum.ToDouble());
            if (!(low >= 0 && high <= 1))
                throw new ArgumentException($"encoder '{Name}': input must be scaled to [0, 1], got values in [{low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)}]", nameof(batch));
        }
        using var scope = NewDisposeScope();
        return EncodeChecked(batch.to_type(ScalarType.Float32), steps, generator).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public virtual IReadOnlyList<long> OutputShape(IReadOnlyList<long> inputShape) => inputShape;

    /// <summary>Encodes a float32 batch already checked by <see cref="Encode"/>; runs inside a dispose scope.</summary>
    protected abstract Tensor EncodeChecked(Tensor batch, int steps, Generator? generator);

    /// <summary>[T, B, …] filled with <paramref name="batch"/> at every step (a copy, safe to modify).</summary>
    protected static Tensor RepeatOverTime(Tensor batch, int steps) =>
        batch.unsqueeze(0).expand([steps, .. batch.shape]).contiguous();
}

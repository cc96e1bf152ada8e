using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// Dropout for sequences: one mask per sample, drawn once per forward and applied at every time step, so a
/// dropped unit stays silent for the whole presentation. Independent masks per step would only add noise
/// to the rates, not remove units (as in SpikingJelly's <c>layer.Dropout</c>). Kept units are scaled by
/// 1/(1 − p) so the expected input is unchanged; in evaluation mode the layer is the identity.
/// </summary>
public sealed class TimeSharedDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer dropping a fraction <paramref name="p"/> in [0, 1) of the units.</summary>
    public TimeSharedDropout(double p) : base("dropout")
    {
        if (!(p is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1)");
        Probability = p;
    }

    /// <summary>The probability of dropping a unit.</summary>
    public double Probability { get; }

    /// <summary>The mask [1, B, …] of the last training forward (detached), for inspection; null before one.</summary>
    public Tensor? LastMask { get; private set; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 2)
            throw new ArgumentException($"dropout: expected input [T, batch, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        if (!training || Probability == 0) return input.alias();
        using var scope = NewDisposeScope();
        var maskShape = input.shape.ToArray();
        maskShape[0] = 1;   // broadcast over time: the same mask at every step
        var mask = bernoulli(full(maskShape, 1 - Probability, input.dtype, input.device)).div_(1 - Probability);
        LastMask?.Dispose();
        LastMask = mask.detach().MoveToOuterDisposeScope();
        return (input * mask).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) LastMask?.Dispose();
        base.Dispose(disposing);
    }
}

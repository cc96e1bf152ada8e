using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// Flattens each sample at every step: [T, B, d1, d2, …] → [T, B, d1·d2·…] (C-order, as PyTorch and NIR's
/// Flatten with start_dim 1), typically between convolutions and a linear layer.
/// </summary>
public sealed class Flatten : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public Flatten() : base("flatten")
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
            throw new ArgumentException($"flatten: expected input [T, batch, d1, ...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        return input.flatten(2);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Sequences;

/// <summary>
/// Keeps only the last time step: [T, B, …] → [1, B, …]. Put it before the readout of a sequence task so the
/// class is read once the whole sequence has been seen (the losses average the output over time, and a
/// one-step output makes that average the last step's value).
/// </summary>
public sealed class LastStep : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer (no parameters).</summary>
    public LastStep() : base("last_step")
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 2)
            throw new ArgumentException($"last_step: expected input [T, batch, ...], got [{string.Join(", ", input.shape)}]", nameof(input));
        return input[TensorIndex.Slice(-1)];
    }
}

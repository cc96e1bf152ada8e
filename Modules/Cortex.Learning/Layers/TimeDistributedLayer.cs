using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// A stateless per-step layer run over a whole sequence at once: [T, B, …] is merged into one batch of
/// T·B samples (a view for contiguous input), the layer runs once (one GEMM or convolution for all steps
/// instead of T small ones), and the result is split back into [T, B, …].
/// </summary>
public abstract class TimeDistributedLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer under the TorchSharp module name <paramref name="name"/>.</summary>
    protected TimeDistributedLayer(string name) : base(name)
    {
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
            throw new ArgumentException($"{GetName()}: expected input [T, batch, features...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        var steps = input.shape[0];
        var batch = input.shape[1];
        using var merged = input.flatten(0, 1);
        using var output = ForwardMerged(merged);
        return output.unflatten(0, [steps, batch]);
    }

    /// <summary>The per-step computation on a batch of T·B samples [T·B, …].</summary>
    protected abstract Tensor ForwardMerged(Tensor samples);
}

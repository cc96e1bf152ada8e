using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// A stateless per-step layer run over a whole sequence at once: [T, B, …] is merged into one batch of
/// T·B samples (a view for contiguous input), the layer runs once (one GEMM or convolution for all steps
/// instead of T small ones), and the result is split back into [T, B, …].
/// An input that is the same at every step and stored once (stride 0 along time, as
/// <c>x.unsqueeze(0).expand(T, …)</c> of a direct encoding gives) is mapped once and broadcast again:
/// the same values and gradients for 1/T of the work.
/// </summary>
public abstract class TimeDistributedLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer under the TorchSharp module name <paramref name="name"/>.</summary>
    protected TimeDistributedLayer(string name) : base(name)
    {
    }

    /// <summary>
    /// True when each output sample depends only on the same input sample (linear maps, convolution, pooling),
    /// so a time-constant input may be mapped once; false for layers with statistics over the batch.
    /// </summary>
    protected virtual bool IsPerSample => true;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
            throw new ArgumentException($"{GetName()}: expected input [T, batch, features...], got shape [{string.Join(", ", input.shape)}]", nameof(input));
        var steps = input.shape[0];
        if (IsPerSample && steps > 1 && input.stride(0) == 0)
        {
            using var once = ForwardMerged(input[0]);
            return once.unsqueeze(0).expand([steps, .. once.shape]);
        }
        var batch = input.shape[1];
        using var merged = input.flatten(0, 1);
        using var output = ForwardMerged(merged);
        return output.unflatten(0, [steps, batch]);
    }

    /// <summary>The per-step computation on a batch of samples [N, …] (N = T·B, or B for a time-constant input).</summary>
    protected abstract Tensor ForwardMerged(Tensor samples);
}

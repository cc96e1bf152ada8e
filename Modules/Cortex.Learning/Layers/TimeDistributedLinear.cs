using Cortex.Learning.Quantization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cortex.Learning.Layers;

/// <summary>
/// A fully connected layer applied at every time step: [T, B, in] → [T, B, out], computed as one matrix
/// product over all T·B rows. Initialised as PyTorch's <c>nn.Linear</c> (weight and bias uniform in
/// ±1/√in), so results are comparable with snnTorch/SpikingJelly models.
/// </summary>
public sealed class TimeDistributedLinear : TimeDistributedLayer, IQuantizableWeights
{
    // Field names equal the registered names: TorchSharp's Module.to() replaces parameters through them.
    private readonly Parameter weight;
    private readonly Parameter? bias;

    /// <summary>Creates the layer with <paramref name="inFeatures"/> inputs and <paramref name="outFeatures"/> outputs.</summary>
    public TimeDistributedLinear(long inFeatures, long outFeatures, bool hasBias = true, WeightQuantizer? quantizer = null) : base("linear")
    {
        Quantizer = quantizer;
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        var bound = 1 / Math.Sqrt(inFeatures);
        using (no_grad())
        {
            weight = nn.Parameter(empty(outFeatures, inFeatures).uniform_(-bound, bound));
            bias = hasBias ? nn.Parameter(empty(outFeatures).uniform_(-bound, bound)) : null;
        }
        register_parameter("weight", weight);
        if (bias is not null) register_parameter("bias", bias);
    }

    /// <summary>Number of input features.</summary>
    public long InFeatures { get; }

    /// <summary>Number of output features.</summary>
    public long OutFeatures { get; }

    /// <summary>The weight matrix [out, in] (row i holds the input weights of output i, as NIR's Linear/Affine).</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null without bias.</summary>
    public Parameter? Bias => bias;

    /// <summary>Quantisation-aware training of the weights (<c>weight_bits</c>), or null for float weights.</summary>
    public WeightQuantizer? Quantizer { get; }

    /// <inheritdoc />
    Tensor IQuantizableWeights.Weight => weight;

    /// <inheritdoc />
    public Tensor DeployedWeight() => Quantizer?.Quantize(weight) ?? weight.detach().clone();

    /// <inheritdoc />
    protected override Tensor ForwardMerged(Tensor samples)
    {
        if (Quantizer is null) return nn.functional.linear(samples, weight, bias);
        using var quantized = Quantizer.FakeQuantize(weight);
        return nn.functional.linear(samples, quantized, bias);
    }
}

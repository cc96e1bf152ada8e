using static TorchSharp.torch;

namespace Cortex.Learning.Quantization;

/// <summary>
/// A layer with a weight tensor that may be trained quantisation-aware. Exporters write
/// <see cref="DeployedWeight"/> (what the forward pass used), and the cost report sizes the weights by
/// <see cref="Quantizer"/>'s bit width.
/// </summary>
public interface IQuantizableWeights
{
    /// <summary>The float weights being trained.</summary>
    Tensor Weight { get; }

    /// <summary>The quantiser, or null for float weights.</summary>
    WeightQuantizer? Quantizer { get; }

    /// <summary>The weights as the forward pass uses them (quantised when <see cref="Quantizer"/> is set), detached.</summary>
    Tensor DeployedWeight();
}

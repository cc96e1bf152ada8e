using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// Cross-entropy of the output averaged over time: CE(1/T Σ_t out[t], y), the usual rate-decoded
/// classifier loss (SpikingJelly's default with a non-spiking readout).
/// </summary>
public sealed class MeanOutputCrossEntropyLoss : TrainingLoss
{
    /// <inheritdoc />
    public override string Name => "ce_mean";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Tensor labels)
    {
        CheckShapes(output, labels);
        using var mean = output.mean([0]);
        return nn.functional.cross_entropy(mean, labels);
    }
}

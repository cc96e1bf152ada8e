using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// For samples that already are sequences, such as binned event recordings [T, …]: plays each sample's own time
/// axis, [B, T, …] → [T, B, …], instead of repeating a static sample. <c>model.steps</c> must equal the samples' T.
/// </summary>
public sealed class SequenceEncoder : SpikeEncoder
{
    /// <inheritdoc />
    public override string Name => "sequence";

    /// <inheritdoc />
    public override IReadOnlyList<long> OutputShape(IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count < 2)
            throw new LearningConfigException($"model.input_shape: the sequence encoder needs samples [T, …] with at least one dimension after time, got [{string.Join(", ", inputShape)}]");
        return [.. inputShape.Skip(1)];
    }

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator)
    {
        if (batch.dim() < 3 || batch.shape[1] != steps)
            throw new LearningConfigException($"model.steps: {steps} does not match the {(batch.dim() < 2 ? 0 : batch.shape[1])} time bins of each sample (the sequence encoder plays the samples' own time axis)");
        return batch.transpose(0, 1).contiguous();
    }
}

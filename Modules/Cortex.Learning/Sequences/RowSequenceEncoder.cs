using Cortex.Learning.Encoding;
using static TorchSharp.torch;

namespace Cortex.Learning.Sequences;

/// <summary>
/// Row-sequential images (the "sequential MNIST" family with rows as steps, e.g. Rao et al. 2022's
/// row-by-row tasks): an image [C, H, W] or [H, W] becomes H time steps, step t carrying row t of every
/// channel as C·W analog inputs. The network therefore sees the image once, top to bottom, and must hold
/// what it saw in its state: a memory task, unlike <c>direct</c>, which repeats the whole image every step.
/// </summary>
public sealed class RowSequenceEncoder : SpikeEncoder, ISpikeEncoder
{
    /// <summary>The registered name.</summary>
    public const string RegisteredName = "rows";

    /// <inheritdoc />
    public override string Name => RegisteredName;

    /// <inheritdoc />
    public override IReadOnlyList<long> OutputShape(IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return inputShape.Count switch
        {
            2 => [inputShape[1]],
            3 => [inputShape[0] * inputShape[2]],
            _ => throw new ArgumentException($"encoder 'rows': expected an image [C, H, W] or [H, W], got [{string.Join(", ", inputShape)}]", nameof(inputShape)),
        };
    }

    /// <inheritdoc />
    EncoderProblem? ISpikeEncoder.Problem(IReadOnlyList<long> inputShape, int steps) => ProblemWith(inputShape, steps);

    /// <summary>Why an image of <paramref name="inputShape"/> cannot run as <paramref name="steps"/> rows; null when it can.</summary>
    public static EncoderProblem? ProblemWith(IReadOnlyList<long> inputShape, int steps)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count is not (2 or 3))
            return new EncoderProblem("input_shape", $"the 'rows' encoder needs an image [C, H, W] or [H, W], got [{string.Join(", ", inputShape)}]");
        var rows = inputShape[^2];
        return steps == rows
            ? null
            : new EncoderProblem("steps", $"the 'rows' encoder feeds one image row per step, so steps must equal the image height {rows}, got {steps}");
    }

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator)
    {
        if (batch.dim() is not (3 or 4))
            throw new ArgumentException($"encoder 'rows': expected a batch of images [B, C, H, W] or [B, H, W], got [{string.Join(", ", batch.shape)}]", nameof(batch));
        var images = batch.dim() == 3 ? batch.unsqueeze(1) : batch;
        var (count, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        if (steps != height)
            throw new ArgumentException($"encoder 'rows': one step per image row needs steps = {height}, got {steps}", nameof(steps));
        // [B, C, H, W] → [H, B, C, W] → [H, B, C·W]: step t holds row t of every channel.
        return images.permute(2, 0, 1, 3).reshape(height, count, channels * width).contiguous();
    }
}

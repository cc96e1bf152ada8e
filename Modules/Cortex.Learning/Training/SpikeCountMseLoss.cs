using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// Mean squared error between each output's rate (spike count / T, or the mean output of a non-spiking
/// readout) and a one-hot target scaled by the target rate: the correct class should fire at
/// <see cref="TargetRate"/> spikes per step, the others stay silent (snnTorch's mse_count_loss with
/// incorrect rate 0).
/// </summary>
public sealed class SpikeCountMseLoss : TrainingLoss
{
    /// <summary>Creates the loss; <paramref name="targetRate"/> is spikes per step for the correct class.</summary>
    public SpikeCountMseLoss(double targetRate = 1)
    {
        if (!(targetRate > 0) || !double.IsFinite(targetRate)) throw new ArgumentOutOfRangeException(nameof(targetRate), targetRate, "target_rate must be positive");
        TargetRate = targetRate;
    }

    /// <summary>Spikes per step the correct class is trained to.</summary>
    public double TargetRate { get; }

    /// <inheritdoc />
    public override string Name => "mse_count";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Tensor labels)
    {
        CheckShapes(output, labels);
        using var scope = NewDisposeScope();
        var rate = output.mean([0]);
        var target = nn.functional.one_hot(labels, output.shape[2]).to(output.dtype) * TargetRate;
        return nn.functional.mse_loss(rate, target).MoveToOuterDisposeScope();
    }
}

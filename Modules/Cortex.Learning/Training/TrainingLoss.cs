using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// A loss on the whole output sequence [T, B, classes] against labels [B] (int64), returning a scalar.
/// Every loss here predicts the class with the largest output averaged over time (<see cref="Predict"/>).
/// </summary>
public abstract class TrainingLoss
{
    /// <summary>The config name (<c>train.loss</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The mean loss over the batch, differentiable through the whole sequence (BPTT).</summary>
    public abstract Tensor Compute(Tensor output, Tensor labels);

    /// <summary>Predicted classes [B]: argmax of the output averaged over time.</summary>
    public static Tensor Predict(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var mean = output.mean([0]);
        return mean.argmax(1);
    }

    /// <summary>The loss a config names.</summary>
    public static TrainingLoss Create(LossConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Name switch
        {
            "ce_mean" => new MeanOutputCrossEntropyLoss(),
            "tet" => new TemporalEfficientTrainingLoss(config.TetLambda, config.TetPhi),
            "mse_count" => new SpikeCountMseLoss(config.TargetRate),
            _ => throw new ArgumentException($"unknown loss '{config.Name}' (available: ce_mean, tet, mse_count)", nameof(config)),
        };
    }

    /// <summary>Throws unless <paramref name="output"/> is [T, B, C] and <paramref name="labels"/> is [B].</summary>
    protected static void CheckShapes(Tensor output, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        if (output.dim() != 3 || labels.dim() != 1 || labels.shape[0] != output.shape[1])
            throw new ArgumentException($"expected output [T, B, classes] and labels [B], got [{string.Join(", ", output.shape)}] and [{string.Join(", ", labels.shape)}]");
    }
}

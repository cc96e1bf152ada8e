namespace Cortex.Learning.Training;

/// <summary>A network's loss and accuracy on a dataset, with the confusion matrix behind the accuracy.</summary>
/// <param name="Loss">Mean loss per sample.</param>
/// <param name="Accuracy">Fraction classified right.</param>
/// <param name="Count">Samples evaluated.</param>
/// <param name="Confusion">Counts [true class][predicted class].</param>
/// <param name="ImagesPerSecond">Samples per second (forward only).</param>
public sealed record EvaluationResult(double Loss, double Accuracy, int Count, long[][] Confusion, double ImagesPerSecond)
{
    /// <summary>Correctly classified samples: the confusion matrix's diagonal.</summary>
    public long Correct => Confusion.Select((row, i) => row[i]).Sum();
}

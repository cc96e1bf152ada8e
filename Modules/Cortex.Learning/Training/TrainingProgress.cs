namespace Cortex.Learning.Training;

/// <summary>Which pass a progress report comes from.</summary>
public enum TrainingPhase
{
    /// <summary>Optimising on the training set.</summary>
    Train,

    /// <summary>Measuring on the test set.</summary>
    Test,
}

/// <summary>A progress report after one batch, for progress bars and log lines.</summary>
/// <param name="Phase">Training or testing.</param>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="Batch">Batches done in this pass.</param>
/// <param name="Batches">Batches in this pass.</param>
/// <param name="Loss">Mean loss over the pass so far.</param>
/// <param name="Accuracy">Accuracy over the pass so far.</param>
/// <param name="ImagesPerSecond">Samples per second over the pass so far.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    double Loss,
    double Accuracy,
    double ImagesPerSecond);

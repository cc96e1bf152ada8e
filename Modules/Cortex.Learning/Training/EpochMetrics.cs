namespace Cortex.Learning.Training;

/// <summary>What one epoch achieved and cost; a run's list of these is its learning curve.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples (weights moving during the epoch).</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right during the epoch.</param>
/// <param name="TestLoss">Mean loss on the test set after the epoch.</param>
/// <param name="TestAccuracy">Fraction of the test set classified right after the epoch.</param>
/// <param name="LearningRate">The learning rate of the epoch's last step.</param>
/// <param name="ImagesPerSecond">Training throughput (forward + backward + step), test pass excluded.</param>
/// <param name="WallSeconds">Wall time of the epoch, test pass included.</param>
/// <param name="PeakMemoryBytes">The process's peak resident memory so far.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy,
    double LearningRate,
    double ImagesPerSecond,
    double WallSeconds,
    long PeakMemoryBytes);

using Cortex.Learning.Training;

namespace Cortex.Learning.EventProp;

/// <summary>The <c>train</c> section of an EventProp config.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Trials per optimiser step.</param>
/// <param name="Optimizer">Adam or SGD and their constants (run in float64 here, not by torch).</param>
/// <param name="Schedule">How the learning rate changes over the run.</param>
/// <param name="MinLearningRate">Cosine schedule's floor.</param>
/// <param name="Loss">The first-spike-time loss and its constants.</param>
/// <param name="Seed">Seeds the initial weights and the data order.</param>
/// <param name="Threads">Trials computed in parallel; null for all cores (results do not depend on it).</param>
public sealed record EventPropTrainConfig(
    int Epochs,
    int BatchSize,
    OptimizerConfig Optimizer,
    LearningRateScheduleKind Schedule,
    double MinLearningRate,
    FirstSpikeTimeLoss Loss,
    int Seed,
    int? Threads);

namespace Cortex.Learning.Training;

/// <summary>The <c>train</c> section: how long and how to optimise.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Samples per optimiser step (the last batch of an epoch may be smaller).</param>
/// <param name="Optimizer">The optimiser and its constants.</param>
/// <param name="Schedule">How the learning rate changes over the run.</param>
/// <param name="MinLearningRate">Cosine schedule's floor.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Seed">Seeds weight initialisation, the data order of every epoch and stochastic layers/encoders.</param>
/// <param name="Threads">Torch intra-op threads; null for all cores.</param>
/// <param name="Device">Where to train: "cpu", "cuda" or "cuda:N" (<see cref="TrainingDevice"/>).</param>
public sealed record TrainConfig(
    int Epochs,
    int BatchSize,
    OptimizerConfig Optimizer,
    LearningRateScheduleKind Schedule,
    double MinLearningRate,
    LossConfig Loss,
    int Seed,
    int? Threads,
    string Device = TrainingDevice.Cpu);

namespace Cortex.Learning.Training;

/// <summary>What one <see cref="Trainer.TrainStep"/> measured on its batch.</summary>
/// <param name="Loss">The batch's mean loss (without activity penalties).</param>
/// <param name="Correct">Samples whose predicted class was right.</param>
/// <param name="Size">Samples in the batch.</param>
public readonly record struct TrainingStepResult(float Loss, long Correct, long Size);

namespace Cortex.Learning.Training;

/// <summary>Training produced a non-finite loss; the message names the epoch and batch.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

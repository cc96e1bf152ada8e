namespace Cortex.Learning.Training;

/// <summary>A checkpoint file is missing, truncated or not a Cortex checkpoint; the message names the file.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);

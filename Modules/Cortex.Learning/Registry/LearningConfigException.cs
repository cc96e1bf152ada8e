namespace Cortex.Learning.Registry;

/// <summary>A training or model configuration that cannot be used; the message starts with the JSON path.</summary>
public sealed class LearningConfigException(string message) : Exception(message);

namespace Cortex.Learning.Export;

/// <summary>A trained network that cannot be exported; the message names the layer and why.</summary>
public sealed class ExportException(string message) : Exception(message);

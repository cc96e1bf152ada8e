namespace Cortex.Backends;

/// <summary>A backend cannot run here (no usable device, or the network does not fit it); the message says what was looked for and what to do instead.</summary>
public sealed class BackendUnavailableException(string backend, string message) : Exception(message)
{
    /// <summary>The backend's name.</summary>
    public string Backend { get; } = backend;
}

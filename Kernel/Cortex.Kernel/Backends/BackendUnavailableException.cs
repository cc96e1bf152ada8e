namespace Cortex.Backends;

/// <summary>
/// A backend cannot run here: no usable device (the message names what was looked for), or the network does not fit the
/// device (the message names both sizes). Bad input for the command line, like an unknown backend: the run never started.
/// </summary>
public sealed class BackendUnavailableException(string backend, string message) : Exception(message)
{
    /// <summary>The backend's name.</summary>
    public string Backend { get; } = backend;
}

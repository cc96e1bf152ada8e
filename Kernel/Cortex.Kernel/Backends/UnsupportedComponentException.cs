namespace Cortex.Backends;

/// <summary>A backend was asked to run a network with components it cannot run; the message names the backend and each component.</summary>
public sealed class UnsupportedComponentException(string backend, IReadOnlyList<string> components)
    : Exception($"backend '{backend}' cannot run {string.Join("; ", components)}")
{
    /// <summary>The backend's name.</summary>
    public string Backend { get; } = backend;

    /// <summary>The refused components, each with its reason.</summary>
    public IReadOnlyList<string> Components { get; } = components;
}

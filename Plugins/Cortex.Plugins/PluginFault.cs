namespace Cortex.Plugins.Loading;

/// <summary>Why a plugin was refused; each kind has its own wording so scripts and users can tell them apart.</summary>
public enum PluginFaultKind
{
    /// <summary>The plugin search configuration itself is wrong (missing <c>--plugins</c> folder, bad config file).</summary>
    BadConfiguration,
    /// <summary>The file is not a readable .NET assembly.</summary>
    NotReadable,
    /// <summary>The plugin was built against an incompatible plugin SDK.</summary>
    SdkMismatch,
    /// <summary>The assembly, or its plugin type, could not be loaded or created.</summary>
    LoadFailed,
    /// <summary>An assembly the plugin needs is not in its folder (nor in the host).</summary>
    MissingDependency,
    /// <summary>The plugin's <see cref="ICortexPlugin.Configure"/> threw, or so did creating what it registered.</summary>
    ConfigureFailed,
    /// <summary>The plugin registers a component name that an earlier plugin (or itself) already registered.</summary>
    DuplicateName,
}

/// <summary>One refused plugin: its path, its name when known, and the reason in one line.</summary>
/// <param name="Kind">The class of fault.</param>
/// <param name="Path">The plugin assembly (or configuration file or folder) concerned.</param>
/// <param name="Plugin">The plugin's name, when it got as far as being created.</param>
/// <param name="Reason">What went wrong and, where it helps, what to do.</param>
public sealed record PluginFault(PluginFaultKind Kind, string Path, string? Plugin, string Reason)
{
    /// <summary>The message as the host prints it: <c>plugin 'Name' (path): reason</c>.</summary>
    public string Message => Kind == PluginFaultKind.BadConfiguration
        ? $"plugin configuration ({Path}): {Reason}"
        : Plugin is null ? $"plugin {Path}: {Reason}; skipped" : $"plugin '{Plugin}' ({Path}): {Reason}; skipped";

    /// <inheritdoc />
    public override string ToString() => Message;
}

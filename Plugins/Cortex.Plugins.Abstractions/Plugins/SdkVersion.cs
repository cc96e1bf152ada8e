namespace Cortex.Plugins;

/// <summary>
/// The version of the plugin SDK. A plugin records the SDK it was compiled against (its reference to this
/// assembly); the host refuses a plugin whose SDK major version differs from its own, or whose minor version
/// is newer, because such a plugin may call members this host lacks.
/// </summary>
public static class SdkVersion
{
    /// <summary>The SDK version as "major.minor.patch"; a constant, so a plugin that reads it sees the version it was built against.</summary>
    public const string Text = "2.1.0";

    /// <summary>The major version: contracts change incompatibly only when it changes (2: per-port neuron input, struct plasticity rules, receptor plugins).</summary>
    public const int Major = 2;

    /// <summary>The minor version: grows when members are added compatibly.</summary>
    public const int Minor = 1;

    /// <summary>The version of the SDK assembly loaded at run time, i.e. the host's.</summary>
    public static Version Current => typeof(SdkVersion).Assembly.GetName().Version ?? new Version(Major, Minor, 0, 0);
}

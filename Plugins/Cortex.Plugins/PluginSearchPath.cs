using System.Text.Json;
using Cortex.Input;

namespace Cortex.Plugins.Loading;

/// <summary>Where a plugin came from, for listings and so that a user can tell which folder to fix.</summary>
public enum PluginOrigin
{
    /// <summary>Part of Cortex itself (kernel, built-in modules, CPU backend), loaded with the host.</summary>
    BuiltIn,
    /// <summary>The <c>plugins/</c> folder next to the host.</summary>
    HostFolder,
    /// <summary>The user's <c>~/.cortex/plugins</c>.</summary>
    UserFolder,
    /// <summary>A folder listed in <c>~/.cortex/config.json</c>.</summary>
    ConfigFile,
    /// <summary>A folder listed in the <c>CORTEX_PLUGINS</c> environment variable.</summary>
    Environment,
    /// <summary>A folder given with <c>--plugins DIR</c>.</summary>
    CommandLine,
}

/// <summary>A folder searched for plugin assemblies.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Origin">Why it is searched.</param>
public sealed record PluginDirectory(string Path, PluginOrigin Origin);

/// <summary>
/// The folders searched for plugins, in order: the host's <c>plugins/</c>, <c>~/.cortex/plugins</c>, the folders
/// in <c>~/.cortex/config.json</c> (<c>{"plugins": ["dir", …]}</c>, relative to that file), the folders in
/// <c>CORTEX_PLUGINS</c> (separated like PATH), then each <c>--plugins DIR</c>. Earlier folders win a name clash.
/// </summary>
public sealed class PluginSearchPath
{
    /// <summary>The environment variable that moves <c>~/.cortex</c> (tests and CI use it to stay hermetic).</summary>
    public const string HomeVariable = "CORTEX_HOME";

    /// <summary>The environment variable listing extra plugin folders.</summary>
    public const string PluginsVariable = "CORTEX_PLUGINS";

    /// <summary>Folders to search, without duplicates, in search order.</summary>
    public IReadOnlyList<PluginDirectory> Directories { get; }

    /// <summary>Problems with the configuration itself (an unreadable config file, a missing <c>--plugins</c> folder).</summary>
    public IReadOnlyList<PluginFault> Problems { get; }

    /// <summary>Searches exactly <paramref name="directories"/> (tests, embedding).</summary>
    public PluginSearchPath(IEnumerable<PluginDirectory> directories, IEnumerable<PluginFault>? problems = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Directories = [.. directories.Select(d => d with { Path = Normalize(d.Path) }).Where(d => seen.Add(d.Path))];
        Problems = [.. problems ?? []];
    }

    /// <summary>No folders at all: built-in plugins only.</summary>
    public static PluginSearchPath None { get; } = new([]);

    /// <summary>
    /// The standard search path of a host installed in <paramref name="hostDirectory"/>, with <paramref name="cortexHome"/>
    /// standing for <c>~/.cortex</c>, <paramref name="environmentList"/> the value of <c>CORTEX_PLUGINS</c>, and the
    /// <c>--plugins</c> folders (relative to the working directory).
    /// </summary>
    public static PluginSearchPath Standard(string hostDirectory, string cortexHome, string? environmentList, IEnumerable<string> commandLine)
    {
        var directories = new List<PluginDirectory>
        {
            new(Path.Combine(hostDirectory, "plugins"), PluginOrigin.HostFolder),
            new(Path.Combine(cortexHome, "plugins"), PluginOrigin.UserFolder),
        };
        var problems = new List<PluginFault>();
        var config = Path.Combine(cortexHome, "config.json");
        if (File.Exists(config)) directories.AddRange(ReadConfig(config, problems));
        if (!string.IsNullOrWhiteSpace(environmentList))
            directories.AddRange(environmentList.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => new PluginDirectory(d, PluginOrigin.Environment)));
        foreach (var directory in commandLine)
        {
            if (!Directory.Exists(directory))
                problems.Add(new PluginFault(PluginFaultKind.BadConfiguration, Normalize(directory), null, "--plugins: the folder does not exist"));
            directories.Add(new PluginDirectory(directory, PluginOrigin.CommandLine));
        }
        return new PluginSearchPath(directories, problems);
    }

    /// <summary><c>$CORTEX_HOME</c> when set, else <c>~/.cortex</c>.</summary>
    public static string DefaultCortexHome() =>
        System.Environment.GetEnvironmentVariable(HomeVariable) is { Length: > 0 } home
            ? home
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cortex");

    private static IEnumerable<PluginDirectory> ReadConfig(string path, List<PluginFault> problems)
    {
        try
        {
            InputFile.Check(path, "plugin config file", InputFile.TextCap);
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("plugins", out var list)) return [];
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                problems.Add(new PluginFault(PluginFaultKind.BadConfiguration, path, null, "\"plugins\" must be a list of folder paths"));
                return [];
            }
            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return [.. list.EnumerateArray().Select(e => new PluginDirectory(Path.Combine(baseDirectory, e.GetString()!), PluginOrigin.ConfigFile))];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add(new PluginFault(PluginFaultKind.BadConfiguration, path, null, $"cannot read the config file: {e.Message}"));
            return [];
        }
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}

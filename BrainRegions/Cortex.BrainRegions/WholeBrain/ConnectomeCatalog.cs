namespace Cortex.BrainRegions.WholeBrain;

/// <summary>
/// Finds a connectome by name or path: <c>human_76</c> is the set bundled next to the assembly
/// (<c>data/tvb_connectivity_76</c>); any other name is a folder under <c>$CORTEX_DATA/tvb</c> (or <c>$CORTEX_DATA</c>)
/// or under <c>shared/data/tvb</c> in a folder above the program or the working directory (the layout
/// <c>../shared/data/tvb</c> next to the repository); anything that is a folder is read as a TVB folder.
/// </summary>
public static class ConnectomeCatalog
{
    /// <summary>The name of the bundled set.</summary>
    public const string BundledName = "human_76";

    /// <summary>The bundled set's folder in the program's output.</summary>
    public static string BundledDirectory => Path.Combine(AppContext.BaseDirectory, "data", "tvb_connectivity_76");

    /// <summary>Loads <paramref name="nameOrPath"/>; an unknown name throws <see cref="ArgumentException"/> listing the sets found.</summary>
    public static Connectome Load(string nameOrPath, string? dataRoot = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        if (nameOrPath == BundledName) return TvbConnectomeLoader.Load(BundledDirectory, name: BundledName);
        if (Directory.Exists(nameOrPath)) return TvbConnectomeLoader.Load(nameOrPath, LengthUnitMm(nameOrPath));
        var root = dataRoot ?? FindDataRoot();
        var candidate = root is null ? null : Path.Combine(root, nameOrPath);
        if (candidate is not null && IsSimpleName(nameOrPath) && Directory.Exists(candidate)) return TvbConnectomeLoader.Load(candidate, LengthUnitMm(candidate), nameOrPath);
        throw new ArgumentException($"unknown connectome '{nameOrPath}' (not a folder either); available: {string.Join(", ", Available(root))}" +
            (root is null ? " (no shared/data/tvb folder found; set CORTEX_DATA)" : $" (from {root})"));
    }

    /// <summary>The names <see cref="Load"/> accepts: the bundled set and every folder with a weights.txt under <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Available(string? root)
    {
        var names = new List<string> { BundledName };
        if (root is not null && Directory.Exists(root))
            names.AddRange(Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, "weights.txt"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
        return names;
    }

    /// <summary>The folder holding the named sets: <c>$CORTEX_DATA/tvb</c> or <c>$CORTEX_DATA</c>, else the first <c>shared/data/tvb</c> above the program or the working directory; null if none.</summary>
    public static string? FindDataRoot()
    {
        if (Environment.GetEnvironmentVariable("CORTEX_DATA") is { Length: > 0 } data)
            return Directory.Exists(Path.Combine(data, "tvb")) ? Path.Combine(data, "tvb") : data;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var tvb = Path.Combine(dir.FullName, "shared", "data", "tvb");
                if (Directory.Exists(tvb)) return tvb;
            }
        return null;
    }

    // The Allen mouse set measures centres and lengths in 100 µm voxels and has no info.txt to say so (see shared/data/README.md).
    private static double? LengthUnitMm(string directory) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))).StartsWith("mouse_allen", StringComparison.Ordinal) ? 0.1 : null;

    private static bool IsSimpleName(string name) => name.IndexOfAny(['/', '\\']) < 0 && name is not ("." or "..");
}

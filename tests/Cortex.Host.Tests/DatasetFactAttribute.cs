namespace Cortex.Host.Tests;

/// <summary>
/// A fact that needs dataset files installed by Debian packages: skipped, naming the missing files and their
/// packages, when one is absent; under CI (<c>CI=true</c>) it runs and fails instead, since there a missing install
/// step is a broken build.
/// </summary>
/// <param name="files">Pairs of a file path and the Debian package that installs it.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetFactAttribute(params string[] files) : Xunit.FactAttribute
{
    /// <inheritdoc />
    public override string? Skip { get => DatasetAvailability.SkipReason(files) ?? base.Skip; set => base.Skip = value; }
}

/// <summary>A theory that needs dataset files; see <see cref="DatasetFactAttribute"/>.</summary>
/// <param name="files">Pairs of a file path and the Debian package that installs it.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatasetTheoryAttribute(params string[] files) : Xunit.TheoryAttribute
{
    /// <inheritdoc />
    public override string? Skip { get => DatasetAvailability.SkipReason(files) ?? base.Skip; set => base.Skip = value; }
}

internal static class DatasetAvailability
{
    public static string? SkipReason(string[] files)
    {
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1") return null;
        var missing = files.Chunk(2).Where(pair => !File.Exists(pair[0])).Select(pair => $"{pair[0]} (apt-get install {pair[1]})").ToList();
        return missing.Count == 0 ? null : $"missing: {string.Join(", ", missing)}";
    }
}

using System.Reflection;

namespace Cortex.Plugins.Tests.Support;

/// <summary>The repository these tests were built from, and the configuration they were built in.</summary>
internal static class Repo
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

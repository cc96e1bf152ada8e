using Cortex.Host;

namespace Cortex.Plugins.Tests.Support;

/// <summary>Runs the <c>cortex</c> command line in-process, with a private ~/.cortex so the user's plugins never leak in.</summary>
internal static class Cli
{
    // A ~/.cortex that does not exist: no user plugins, no config file.
    private static readonly string EmptyHome = Path.Combine(Path.GetTempPath(), $"cortex-plugins-tests-home-{Guid.NewGuid():N}");

    public static CliResult Run(params string[] args) => RunWithHome(EmptyHome, args);

    public static CliResult RunWithHome(string cortexHome, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CortexCli.Run(args, output, error, new HostEnvironment(EmptyHome, cortexHome, null));
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

/// <summary>Exit code and captured streams of one command.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    public IReadOnlyList<string> ErrorLines => Lines(Err, "error:");

    public IReadOnlyList<string> WarningLines => Lines(Err, "warning:");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";

    private static string[] Lines(string text, string prefix) =>
        [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}

namespace Cortex.Host.Tests;

/// <summary>Runs the <c>cortex</c> command line in-process with captured output.</summary>
internal static class Cli
{
    // A private, empty ~/.cortex and no CORTEX_PLUGINS: plugins installed on this machine stay out of the tests.
    private static readonly HostEnvironment Hermetic = new(
        AppContext.BaseDirectory, Path.Combine(Path.GetTempPath(), $"cortex-host-tests-home-{Guid.NewGuid():N}"), null);

    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CortexCli.Run(args, output, error, Hermetic);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command whose standard output goes to <paramref name="output"/>, e.g. a writer that acts on a line as it is written.</summary>
    public static CliResult Run(StringWriter output, params string[] args)
    {
        using var error = new StringWriter();
        var code = CortexCli.Run(args, output, error, Hermetic);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that <paramref name="interruption"/> can stop as Ctrl+C would.</summary>
    public static CliResult Run(Interruption interruption, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CortexCli.Run(args, output, error, Hermetic, interruption);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that <paramref name="interruption"/> can stop, with standard output going to <paramref name="output"/> (e.g. a <see cref="SignalOnLine"/>).</summary>
    public static CliResult Run(Interruption interruption, StringWriter output, params string[] args)
    {
        using var error = new StringWriter();
        var code = CortexCli.Run(args, output, error, Hermetic, interruption);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

/// <summary>Exit code and captured streams of one command.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>Lines of standard error that start with "error:".</summary>
    public IReadOnlyList<string> ErrorLines => [.. Err.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal))];

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

using Cortex.Plugins.Loading;
using Spectre.Console;

namespace Cortex.Host;

/// <summary>
/// Where commands write: rich Spectre output (tables, progress bar) on a terminal, plain lines when
/// output is redirected or captured, so logs and CI stay readable.
/// </summary>
public sealed class CliConsole
{
    /// <summary>Wraps the given writers.</summary>
    public CliConsole(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
        Interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // Redirected output has no terminal width; keep tables on one line each for logs.
        if (!Interactive) Ansi.Profile.Width = 200;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>True on a real terminal: progress bars and colours are used.</summary>
    public bool Interactive { get; }

    /// <summary>Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Where this invocation looks for plugins (the standard folders plus <c>--plugins</c>); set once the command line is parsed.</summary>
    public PluginSearchPath PluginSearch { get; internal set; } = PluginSearchPath.None;

    /// <summary>Cancelled when the user asks the invocation to stop (Ctrl+C, SIGTERM); never cancelled unless the CLI listens.</summary>
    public CancellationToken Stopping { get; internal set; }

    /// <summary>The exit code for the stop request, when there was one (130 for Ctrl+C, 143 for SIGTERM).</summary>
    public Func<int?> StopExitCode { get; internal set; } = () => null;

    /// <summary>Prints one error line (never a stack trace).</summary>
    public void Fail(string message) => Error.WriteLine($"error: {message}");

    /// <summary>Prints one warning line: something was skipped but the command carries on.</summary>
    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>Says something the user should know about a choice made for them (e.g. <c>--backend auto</c>'s pick), on the error stream.</summary>
    public void Notice(string message) => Error.WriteLine($"notice: {message}");
}

namespace Cortex.Host.Commands;

/// <summary>
/// How a command asked to stop (Ctrl+C, SIGTERM; <see cref="CliConsole.Stopping"/>) ends: it keeps what it has written,
/// then throws <see cref="Stopped"/>, whose message says what was kept and where; <see cref="ErrorReporting"/> prints it
/// as one <c>stopped:</c> line and exits 130 or 143. One ending for every command, so scripts see the same thing.
/// </summary>
internal static class StopRequest
{
    /// <summary>True once the user has asked this invocation to stop.</summary>
    public static bool Requested(CliConsole console) => console.Stopping.IsCancellationRequested;

    /// <summary>The exception a stopped command ends with; <paramref name="kept"/> names what it kept and where.</summary>
    public static OperationCanceledException Stopped(CliConsole console, string kept, Exception? cause = null) => new(kept, cause, console.Stopping);
}

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

    /// <summary>
    /// Runs a benchmark, whose files are written only by a complete run (a partial table would pass for a whole one):
    /// stopped, it ends at once with a line saying so; every row it measured before is already on the console.
    /// </summary>
    public static int Measuring(CliConsole console, string benchmark, Func<int> measure)
    {
        try
        {
            return measure();
        }
        catch (OperationCanceledException e) when (Requested(console))
        {
            throw Stopped(console, $"the {benchmark} benchmark was stopped before its end; what it measured until then is printed above (--out is written only by a complete run)", e);
        }
    }

    /// <summary>The exception a stopped command ends with; <paramref name="kept"/> names what it kept and where.</summary>
    public static OperationCanceledException Stopped(CliConsole console, string kept, Exception? cause = null) => new(kept, cause, console.Stopping);
}

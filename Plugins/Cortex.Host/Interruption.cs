using System.Runtime.InteropServices;

namespace Cortex.Host;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for the whole invocation. The first signal cancels <see cref="Token"/>: a run stops at
/// its next step, completes its recordings (every file flushed and closed) and exits with 130 or 143, as shells expect
/// of a process stopped by that signal. A second signal exits at once, for a run stuck inside a step.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _error;
    private int _signals;

    /// <summary>Starts listening; dispose to restore the default handling.</summary>
    public Interruption(TextWriter error)
    {
        _error = error;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code for the first signal received (130 for SIGINT, 143 for SIGTERM), or null when none came.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Acts as if <paramref name="signal"/> had arrived (tests, and the handler itself).</summary>
    public void Receive(PosixSignal signal)
    {
        var code = signal == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            ExitCode = code;
            _error.WriteLine($"{(signal == PosixSignal.SIGTERM ? "terminated" : "interrupted")}: stopping at the next step, batch or epoch and keeping what is written (signal again to exit at once)");
            _source.Cancel();
            return;
        }
        _error.WriteLine("second signal: exiting at once; data recorded since the last flush is lost");
        _error.Flush();
        Environment.Exit(ExitCode ?? code);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive: the run decides when to exit.
        context.Cancel = true;
        Receive(context.Signal);
    }
}

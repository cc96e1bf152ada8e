using System.Runtime.InteropServices;

namespace Cortex.Host.Tests;

/// <summary>
/// Standard output that delivers <paramref name="signal"/> to <paramref name="interruption"/> as soon as a line starting
/// with <paramref name="prefix"/> is written, on the writing thread: a command that prints a line per epoch is stopped
/// right after that epoch, deterministically, as a user pressing Ctrl+C at that moment would stop it.
/// </summary>
internal sealed class SignalOnLine(Interruption interruption, string prefix, PosixSignal signal = PosixSignal.SIGINT) : StringWriter
{
    /// <summary>True once the line came and the signal was delivered.</summary>
    public bool Signalled { get; private set; }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (Signalled || value is null || !value.TrimStart().StartsWith(prefix, StringComparison.Ordinal)) return;
        Signalled = true;
        interruption.Receive(signal);
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Cortex.Recording;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// Ctrl+C and SIGTERM stop a run at the next step with its recordings complete, and exit with the signal's code
/// (130, 143) as shells expect; the real process is signalled, since that is what a user does.
/// </summary>
public sealed class SignalTests
{
    [Fact]
    public void TheFirstSignal_CancelsOnce_AndRemembersItsExitCode()
    {
        using var error = new StringWriter();
        using var interruption = new Interruption(error);
        Assert.Null(interruption.ExitCode);
        Assert.False(interruption.Token.IsCancellationRequested);
        interruption.Receive(PosixSignal.SIGTERM);
        Assert.True(interruption.Token.IsCancellationRequested);
        Assert.Equal(ExitCodes.Terminated, interruption.ExitCode);
        Assert.Contains("terminated: stopping at the next step", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT", ExitCodes.Interrupted)]
    [InlineData("TERM", ExitCodes.Terminated)]
    public async Task ASignalledRun_StopsWithTheSignalsExitCode_AndKeepsEverySpikeSoFarReadable(string signal, int exitCode)
    {
        using var dir = new TempDirectory();
        var spec = Path.Combine(dir.Path, "long.json");
        File.WriteAllText(spec, Specs.Small(duration: "5000 s")); // hours of wall time: only a signal ends it
        var output = Path.Combine(dir.Path, "out");
        // A background job of a non-interactive shell (a CI script) starts with SIGINT ignored, and .NET keeps it ignored, as
        // POSIX asks. Python resets it to the default before it becomes the CLI (exec keeps the process id), like a terminal.
        const string ResetSigint = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", ResetSigint, "dotnet", Path.Combine(AppContext.BaseDirectory, "cortex.dll"), "run", spec, "--out", output, "--no-plot"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CORTEX_HOME"] = Path.Combine(dir.Path, "home");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        // The header line is printed just before the loop starts; give the loop a moment to record something.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("steps of", StringComparison.Ordinal))
        {
        }
        Assert.NotNull(line);
        var stdout = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(1500);
        Assert.False(process.HasExited, "the run ended by itself");
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail("the run did not stop within a minute of the signal");
        }
        var (outText, errText) = (await stdout, await stderr);
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}\n{outText}\n{errText}");
        Assert.Contains("stopped: the run was stopped before its end", errText, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errText, StringComparison.Ordinal); // no stack trace
        // The file is complete (footer written) and holds the spikes of the first second or more.
        var rows = ParquetRecordingReader.ReadSpikeRows(output);
        Assert.NotEmpty(rows);
    }
}

using System.Diagnostics;
using System.Text;

namespace Cortex.Plugins.Tests.Support;

/// <summary>Runs the dotnet CLI as a child process and fails with its output when it fails.</summary>
internal static class Dotnet
{
    public static string Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            // Own pipes for all three streams: build servers the child leaves behind then hold these, not the test
            // runner's output, so a './test | grep' pipeline never waits for them.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        var output = new StringBuilder();
        using var outputClosed = new ManualResetEventSlim();
        using var errorClosed = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, errorClosed);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // WaitForExit(timeout) returns at exit without waiting for the pipes to close (a build server may keep them open).
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} took more than {timeout.TotalSeconds:0} s:\n{Text(output)}");
        }
        // The last lines may still be in the pipes: wait for them to close, but not for long, since a build server
        // started by the child may hold them open.
        var exited = clock.Elapsed.TotalSeconds;
        var closed = WaitHandle.WaitAll([outputClosed.WaitHandle, errorClosed.WaitHandle], TimeSpan.FromSeconds(5));
        var text = Text(output) + $"[exited after {exited:0.0} s; output {(closed ? "closed" : "still open")} {clock.Elapsed.TotalSeconds - exited:0.0} s later]";
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} exited {process.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s:\n{text}");
        return text;
    }

    private static void Append(StringBuilder output, string? line, ManualResetEventSlim closed)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }
        lock (output) output.AppendLine(line);
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}

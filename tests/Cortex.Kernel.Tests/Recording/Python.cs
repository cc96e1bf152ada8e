using System.Diagnostics;
using Xunit;

namespace Cortex.Tests.Recording;

/// <summary>/usr/bin/python3 with pandas and a Parquet engine (pyarrow), for interoperability tests.</summary>
internal static class Python
{
    public const string Executable = "/usr/bin/python3";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why pandas cannot read Parquet here, or null when it can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    /// <summary>Runs a script and returns its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(string script)
    {
        var (code, stdout, stderr) = Execute(script);
        Assert.True(code == 0, $"python exited with {code}:\n{stderr}");
        return stdout;
    }

    private static string? Probe()
    {
        if (!File.Exists(Executable))
        {
            return $"{Executable} is not installed";
        }
        try
        {
            var (code, _, stderr) = Execute("import pandas, pyarrow");
            return code == 0
                ? null
                : $"{Executable} cannot import pandas and pyarrow (Debian bookworm packages no python3-pyarrow): {LastLine(stderr)}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{Executable} cannot be started: {ex.Message}";
        }
    }

    private static (int Code, string Stdout, string Stderr) Execute(string script)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, stdout, "timed out");
        }
        return (process.ExitCode, stdout, stderr.Result);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}

/// <summary>A fact skipped, with the reason, where /usr/bin/python3 lacks pandas or pyarrow.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PandasFactAttribute : FactAttribute
{
    public PandasFactAttribute()
    {
        if (Python.WhyUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

using System.Diagnostics;

namespace Cortex.Nir.Tests;

/// <summary>
/// A fact that needs Debian's python3 with h5py (<c>apt-get install python3-h5py</c>), the library the
/// reference NIR implementation writes with; skipped, saying so, where it is absent.
/// </summary>
public sealed class H5pyFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> Available = new(() =>
    {
        if (!File.Exists(Python)) return false;
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import h5py, numpy"]) { RedirectStandardError = true })!;
            // No timeout: on a loaded machine the import can take longer than any fixed bound, and reading
            // ExitCode of a process still running throws, which would fail discovery of the whole class.
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public H5pyFactAttribute()
    {
        if (!Available.Value) Skip = $"{Python} with h5py is not installed (apt-get install python3-h5py)";
    }

    /// <summary>Runs a Python script; returns its standard output, failing the test on a non-zero exit.</summary>
    public static string Run(string script, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", script, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python failed: {error}");
        return output;
    }
}

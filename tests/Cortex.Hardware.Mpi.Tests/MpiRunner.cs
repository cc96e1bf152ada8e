using Xunit;
using System.Diagnostics;
using Cortex.Recording;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>Runs <c>cortex</c> as a user does: alone, or under <c>mpirun -n R</c> (as root, oversubscribed on small machines).</summary>
internal static class MpiRunner
{
    public const string MpiRun = "/usr/bin/mpirun";

    public static bool Available => File.Exists(MpiRun) && File.Exists("/usr/lib/x86_64-linux-gnu/libmpi.so.40");

    private static string Cortex => Path.Combine(AppContext.BaseDirectory, "cortex.dll");

    /// <summary>Runs <c>cortex ARGS</c> on <paramref name="ranks"/> ranks (0: without mpirun); returns exit code and output.</summary>
    public static (int Code, string Output) Run(int ranks, params string[] args) => Run(ranks, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Run(int, string[])"/>, with extra environment variables.</summary>
    public static (int Code, string Output) Run(int ranks, Dictionary<string, string> environment, params string[] args)
    {
        var start = ranks == 0
            ? new ProcessStartInfo("dotnet", [Cortex, .. args])
            : new ProcessStartInfo(MpiRun, ["--allow-run-as-root", "--oversubscribe", "-n", $"{ranks}", "dotnet", Cortex, .. args]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["OMPI_MCA_rmaps_base_oversubscribe"] = "1";
        start.Environment["CORTEX_MPI_TIMEOUT"] = "20";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cortex {string.Join(' ', args)} on {ranks} ranks did not finish");
        }
        return (process.ExitCode, output.Result + "\n" + error.Result);
    }

    /// <summary>The spikes of a run's spikes.parquet as (population, neuron, time) rows in file order.</summary>
    public static List<(string, int, double)> Spikes(string directory) =>
        [.. ParquetRecordingReader.ReadSpikeRows(Path.Combine(directory, ParquetSpikeSink.FileName)).Select(r => (r.Population, r.Neuron, r.TimeMs))];

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "cortex-mpi-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}

using System.Diagnostics;

namespace Cortex.Host.Commands.Mpi;

/// <summary>
/// <c>cortex run --ranks R</c>: starts the same command again under <c>mpirun -n R</c> (with <c>--oversubscribe</c>, so a
/// laptop can run more ranks than cores, and <c>--allow-run-as-root</c> when run as root, as in containers and CI), and
/// returns its exit code. Only a convenience: on a cluster, call mpirun (or srun) yourself.
/// </summary>
internal static class MpiLauncher
{
    public static int Relaunch(int ranks)
    {
        if (ranks < 1) throw new UsageException($"--ranks must be >= 1, got {ranks}");
        var mpirun = Find("mpirun") ?? throw new UsageException("--ranks needs mpirun, which is not installed (apt-get install openmpi-bin libopenmpi-dev)");
        var start = new ProcessStartInfo(mpirun);
        if (Environment.UserName == "root") start.ArgumentList.Add("--allow-run-as-root");
        foreach (var a in (string[])["--oversubscribe", "-n", $"{ranks}"]) start.ArgumentList.Add(a);
        var self = Environment.GetCommandLineArgs();
        var process = Environment.ProcessPath ?? "dotnet";
        // Under 'dotnet cortex.dll' the first argument is the dll; a published apphost is the process itself.
        if (Path.GetFileNameWithoutExtension(process) == "dotnet") start.ArgumentList.Add(process);
        start.ArgumentList.Add(Path.GetFileNameWithoutExtension(process) == "dotnet" ? self[0] : process);
        for (var i = 1; i < self.Length; i++)
        {
            if (self[i] == "--ranks") { i++; continue; }
            if (self[i].StartsWith("--ranks=", StringComparison.Ordinal)) continue;
            start.ArgumentList.Add(self[i]);
        }
        using var child = Process.Start(start) ?? throw new UsageException("mpirun could not be started");
        child.WaitForExit();
        return child.ExitCode;
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}

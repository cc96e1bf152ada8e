using System.Diagnostics;
using Cortex.Recording;
using Xunit;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// <c>kill -9</c> of one rank mid-run: the other rank must not hang; it ends with a non-zero exit, says why in one line,
/// and keeps a readable spikes file of what it recorded until then.
/// </summary>
public sealed class DeadRankTests
{
    [MpiFact]
    public void KilledRankEndsTheRunAndKeepsTheOthersRecordings()
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            var output = Path.Combine(directory, "out");
            var start = new ProcessStartInfo(MpiRunner.MpiRun, ["--allow-run-as-root", "--oversubscribe", "-n", "2", "dotnet",
                Path.Combine(AppContext.BaseDirectory, "cortex.dll"), "run", Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"),
                "--out", output, "--no-plot", "--duration", "2 s"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.Environment["CORTEX_MPI_TIMEOUT"] = "20";
            using var mpirun = Process.Start(start)!;
            var lines = new List<string>();
            var progressed = new ManualResetEventSlim();
            mpirun.OutputDataReceived += (_, e) => { if (e.Data is { } l) { lock (lines) lines.Add(l); if (l.Contains(" %  t = ", StringComparison.Ordinal)) progressed.Set(); } };
            mpirun.ErrorDataReceived += (_, e) => { if (e.Data is { } l) lock (lines) lines.Add(l); };
            mpirun.BeginOutputReadLine();
            mpirun.BeginErrorReadLine();
            // The run is under way once rank 0 reports progress (its first line comes at 10 % of the 2 s of biological time,
            // so 90 % of the run is still ahead when rank 1 is killed). On a loaded 2-core machine two ranks run CUBA at a
            // real-time factor of a few hundred, hence the generous bound on this wait.
            Assert.True(progressed.Wait(TimeSpan.FromSeconds(180)), "no progress line: " + string.Join('\n', lines));

            var rank1 = Process.GetProcesses().Single(p => IsRank(p, mpirun.Id, 1));
            rank1.Kill();
            Assert.True(mpirun.WaitForExit(TimeSpan.FromSeconds(90)), "the surviving rank hung after rank 1 was killed");
            mpirun.WaitForExit();
            Assert.NotEqual(0, mpirun.ExitCode);
            string all;
            lock (lines) all = string.Join('\n', lines);
            Assert.Contains("rank 0 was stopped before the end of the run", all);
            var kept = ParquetRecordingReader.ReadSpikeRows(Path.Combine(output, "rank-0", ParquetSpikeSink.FileName));
            Assert.NotEmpty(kept);
            Assert.All(kept, s => Assert.Equal(0, s.Neuron % 2));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // A child of this mpirun whose environment says it is the given rank.
    private static bool IsRank(Process process, int mpirun, int rank)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{process.Id}/status");
            var parent = status.Split('\n').First(l => l.StartsWith("PPid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Trim();
            if (parent != $"{mpirun}") return false;
            return File.ReadAllText($"/proc/{process.Id}/environ").Split('\0').Contains($"OMPI_COMM_WORLD_RANK={rank}");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

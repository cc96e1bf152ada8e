using System.Text.Json.Nodes;
using Xunit;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// <c>cortex task run</c> under <c>mpirun</c>: every rank runs the same environment from the same seed and the agent's
/// network is spread over the ranks. The decision task (Wang 2002) drives its network only through the closed-loop
/// session: Poisson input injected by global neuron id, the selective pools' spikes read back every step, and a snapshot
/// of the spontaneous state restored before every trial. Its choices and reaction times, hence metrics.json, must be
/// those of the one-process run (the reference, no MPI at all).
/// </summary>
public sealed class DistributedTaskTests
{
    private static readonly string[] Decision =
    [
        "task", "run", "decision", "--seed", "3", "--episodes", "1",
        "--set", "neurons=100", "--set", "trials=1", "--set", "levels=2", "--set", "stimulus=250 ms", "--set", "settle=50 ms", "--set", "pre=30 ms",
    ];

    [MpiFact]
    public void DecisionTaskOnTwoRanksScoresAsOnOne()
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            var one = Path.Combine(directory, "one");
            var two = Path.Combine(directory, "two");
            var (code, output) = MpiRunner.Run(0, [.. Decision, "--out", one]);
            Assert.True(code == 0, output);
            (code, output) = MpiRunner.Run(2, [.. Decision, "--out", two]);
            Assert.True(code == 0, output);
            // Rank 0 prints (the header once; a terminal's escape codes may precede it) and writes the files.
            Assert.Single(output.Split('\n'), line => line.Contains("task decision (", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(two, "learning_curve.png")));

            var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(one, "metrics.json")))!;
            var actual = JsonNode.Parse(File.ReadAllText(Path.Combine(two, "metrics.json")))!;
            Assert.Equal("completed", (string?)actual["status"]);
            Assert.Equal("mpi+cpu", (string?)actual["backend"]);
            Assert.NotNull(expected["summary"]!["score"]);
            Assert.Equal(expected["summary"]!.ToJsonString(), actual["summary"]!.ToJsonString());
            var trials = (int)expected["episodes"]![0]!["steps"]!;
            Assert.True(trials >= 2, $"the episode should run trials, got {trials}");
            foreach (var field in new[] { "score", "return", "steps", "metrics", "curve" })
                Assert.Equal(expected["episodes"]![0]![field]?.ToJsonString(), actual["episodes"]![0]![field]?.ToJsonString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [MpiFact]
    public void ATaskThatCannotRunDistributedIsRefusedInOneLine()
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            var (code, output) = MpiRunner.Run(2, "task", "run", "cartpole", "--episodes", "1", "--out", directory);
            Assert.True(code == 2, output);
            var errors = output.Split('\n').Where(l => l.Contains("error:", StringComparison.Ordinal)).ToList();
            Assert.Single(errors);
            Assert.Contains("cannot run on 2 MPI ranks", errors[0], StringComparison.Ordinal);
            Assert.Contains("cartpole", errors[0], StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(directory, "metrics.json")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

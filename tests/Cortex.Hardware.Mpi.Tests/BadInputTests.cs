using Xunit;
namespace Cortex.Hardware.Mpi.Tests;

/// <summary>Rank counts that cannot share a population, and a rank that dies mid-run: one clear error line, non-zero exit, no hang.</summary>
public sealed class BadInputTests
{
    [MpiFact]
    public void MoreRanksThanNeuronsInAPopulationIsRefused()
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            var spec = Path.Combine(directory, "tiny.json");
            File.WriteAllText(spec, """
                { "name": "tiny", "simulation": { "dt": "0.1 ms", "duration": "10 ms", "seed": 1 },
                  "populations": [ { "name": "big", "size": 10, "model": "lif" }, { "name": "pair", "size": 2, "model": "lif" } ],
                  "projections": [ { "source": "big", "target": "pair", "connector": { "type": "all_to_all" }, "weight": "1 nA", "delay": "1 ms",
                                     "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } } ] }
                """);
            var (code, output) = MpiRunner.Run(3, "run", spec, "--out", Path.Combine(directory, "out"), "--no-plot");
            Assert.Equal(2, code);
            var errors = output.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
            // The spec error is reported once (by rank 0), in the usual form: the file, then the offending path.
            Assert.Single(errors);
            Assert.Contains("populations[1].size: 'pair' has 2 neuron(s), fewer than the 3 ranks", output);
            Assert.Contains("at most 2 ranks", output);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [MpiFact]
    public void MpiMissingAtRunTimeIsOneErrorLine()
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            // As if mpirun had started this process but no MPI library can be loaded.
            var (code, output) = MpiRunner.Run(0, new Dictionary<string, string> { ["OMPI_COMM_WORLD_SIZE"] = "2", ["CORTEX_MPI_LIBRARY"] = "/nonexistent/libmpi.so.40" },
                "run", Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"), "--out", Path.Combine(directory, "out"), "--no-plot", "--duration", "5 ms");
            Assert.Equal(2, code);
            var error = Assert.Single(output.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
            Assert.Contains("MPI cannot start", error);
            Assert.Contains("/nonexistent/libmpi.so.40", error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

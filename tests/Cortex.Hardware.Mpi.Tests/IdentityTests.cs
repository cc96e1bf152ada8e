using Xunit;
namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// The same seed gives the same spikes on 1, 2 and 4 ranks: the one-process run (no MPI at all) is the independent
/// reference, and the distributed run's merged spikes.parquet must equal it row for row.
/// </summary>
public sealed class IdentityTests
{
    private static string Cuba => Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json");

    [MpiFact]
    public void CubaTwoRanks() => SameSpikes(Cuba, 2, "60 ms");

    [MpiFact]
    public void CubaFourRanksOversubscribed() => SameSpikes(Cuba, 4, "30 ms");

    [MpiFact]
    public void PlasticNetworkTwoRanks() => SameSpikes(WriteSpec(PlasticSpec), 2, "30 ms");

    [MpiFact]
    public void MicrocircuitSmallTwoRanks() => SameSpikes(WriteSpec(MicrocircuitSpec), 2, "25 ms");

    private static void SameSpikes(string spec, int ranks, string duration)
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            var one = Path.Combine(directory, "one");
            var many = Path.Combine(directory, "many");
            var (code, output) = MpiRunner.Run(0, "run", spec, "--out", one, "--no-plot", "--duration", duration);
            Assert.True(code == 0, output);
            (code, output) = MpiRunner.Run(ranks, "run", spec, "--out", many, "--no-plot", "--duration", duration);
            Assert.True(code == 0, output);
            var expected = MpiRunner.Spikes(one);
            var actual = MpiRunner.Spikes(many);
            Assert.True(expected.Count > 50, $"the reference run should spike, got {expected.Count}");
            Assert.Equal(expected.Count, actual.Count);
            Assert.Equal(expected, actual);
            // Every rank recorded only its own neurons (round-robin), and together exactly the merged spikes.
            var perRank = Enumerable.Range(0, ranks).Select(r => MpiRunner.Spikes(Path.Combine(many, $"rank-{r}"))).ToList();
            Assert.Equal(expected.Count, perRank.Sum(s => s.Count));
            for (var r = 0; r < ranks; r++) Assert.All(perRank[r], s => Assert.Equal(r, s.Item2 % ranks));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string WriteSpec(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cortex-mpi-spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    // Excitatory STDP synapses onto both populations, inhibition static, Poisson drive: pre and post hooks of every step
    // must run in the one-process order on every rank for the spikes to stay identical.
    internal const string PlasticSpec = """
        {
          "name": "plastic",
          "simulation": { "dt": "0.1 ms", "duration": "100 ms", "seed": 11 },
          "populations": [
            { "name": "exc", "size": 160, "model": "lif", "params": { "tau_m": "20 ms", "cm": "250 pF", "v_thresh": "-50 mV" },
              "initial": { "v": { "dist": "uniform", "low": "-70 mV", "high": "-51 mV" } } },
            { "name": "inh", "size": 40, "model": "lif", "params": { "tau_m": "20 ms", "cm": "250 pF", "v_thresh": "-50 mV" } }
          ],
          "projections": [
            { "source": "exc", "target": "exc", "connector": { "type": "fixed_probability", "p": 0.1 },
              "weight": { "dist": "uniform", "low": "0.5 nA", "high": "1.5 nA" }, "delay": { "dist": "uniform", "low": "1 ms", "high": "3 ms" },
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } },
              "plasticity": { "rule": "stdp", "params": { "w_max": 3 } } },
            { "source": "exc", "target": "inh", "connector": { "type": "fixed_probability", "p": 0.1 },
              "weight": "1 nA", "delay": "1 ms",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "source": "inh", "target": "exc", "connector": { "type": "fixed_indegree", "k": 8 },
              "weight": "-2 nA", "delay": "2 ms",
              "synapse": { "model": "exp_current", "port": "inh", "params": { "tau_syn": "10 ms" } } }
          ],
          "stimuli": [
            { "type": "poisson", "target": "exc", "rate": "2000 Hz", "weight": "0.6 nA",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "type": "poisson", "target": "inh", "rate": "1500 Hz", "weight": "0.6 nA",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } }
          ],
          "probes": [ { "type": "spikes", "population": "exc" }, { "type": "spikes", "population": "inh" } ]
        }
        """;

    // Potjans & Diesmann at 2 % of its neurons (about 1,500; the smallest population, L6I, has about 20), with weights
    // on the 16-bit grid: the ranks must agree on each projection's weight range to round as one process does.
    private const string MicrocircuitSpec = """
        {
          "name": "microcircuit-small",
          "simulation": { "dt": "0.1 ms", "duration": "40 ms", "seed": 3 },
          "populations": [], "projections": [],
          "circuits": [ { "type": "microcircuit", "name": "mc", "params": { "scale": 0.02, "background": "poisson", "weights": "16bit" } } ]
        }
        """;
}

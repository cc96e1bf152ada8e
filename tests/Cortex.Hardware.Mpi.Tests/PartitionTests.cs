using Xunit;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Partitioning;
using Cortex.Spec;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// The compiled parts of every rank (no MPI needed) put back together are the one-process network: the same synapses
/// (source, target, weight, delay) for every connector kind, the same initial state, each neuron on exactly one rank.
/// </summary>
public sealed class PartitionTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RanksTogetherHoldTheWholeNetwork(int ranks)
    {
        using var catalog = CortexComposition.Create();
        var compiler = new NetworkCompiler(catalog.Registry);
        var spec = SpecJson.Parse(Spec);
        var whole = compiler.Compile(spec);
        var parts = CompileParts(compiler, spec, ranks);

        for (var p = 0; p < whole.Populations.Count; p++)
        {
            Assert.Equal(whole.Populations[p].Size, parts.Sum(x => x.Populations[p].Size));
            for (var v = 0; v < whole.Populations[p].InitialState.Length; v++)
                for (var n = 0; n < whole.Populations[p].Size; n++)
                    Assert.Equal(whole.Populations[p].InitialState[v][n], parts[n % ranks].Populations[p].InitialState[v][n / ranks]);
        }
        for (var j = 0; j < whole.Projections.Count; j++)
        {
            var expected = Synapses(whole.Projections[j].Table, t => t);
            var actual = parts.SelectMany((part, r) => Synapses(part.Projections[j].Table, t => t * ranks + r)).ToList();
            expected.Sort();
            actual.Sort();
            Assert.True(expected.Count > 0, whole.Projections[j].Name);
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Every rank's part of <paramref name="spec"/>, compiled in one process as the ranks of a real run would.</summary>
    internal static List<CompiledNetwork> CompileParts(NetworkCompiler compiler, NetworkSpec spec, int ranks)
    {
        // Ranks agree on each 16-bit projection's weight range (an MPI max-reduction in a real run): a first pass collects the
        // local ranges, the second compiles with the combined ones.
        var ranges = new List<(double Min, double Max)>[ranks];
        for (var r = 0; r < ranks; r++)
        {
            ranges[r] = [];
            var collected = ranges[r];
            compiler.Compile(spec, new RankSelection(r, ranks, AgreeOnWeightRange: local => { collected.Add(local); return local; }));
        }
        var parts = Enumerable.Range(0, ranks).Select(r =>
        {
            var call = 0;
            return compiler.Compile(spec, new RankSelection(r, ranks, AgreeOnWeightRange: _ =>
            {
                var k = call++;
                return (ranges.Min(x => x[k].Min), ranges.Max(x => x[k].Max));
            }));
        }).ToList();

        return parts;
    }

    private static List<(int Source, int Target, float Weight, ushort Delay)> Synapses(SynapseTable table, Func<int, int> toGlobal)
    {
        var list = new List<(int, int, float, ushort)>();
        for (var s = 0; s < table.Sources; s++)
            for (var k = table.RowStart[s]; k < table.RowStart[s + 1]; k++) list.Add((s, toGlobal(table.Targets[k]), table.Weights[k], table.DelaySteps[k]));
        return list;
    }

    // One projection per connector kind, with drawn weights and delays, so every draw path is covered.
    internal const string Spec = """
        {
          "name": "connectors", "simulation": { "dt": "0.1 ms", "duration": "10 ms", "seed": 5 },
          "populations": [
            { "name": "a", "size": 37, "model": "lif", "initial": { "v": { "dist": "uniform", "low": "-70 mV", "high": "-55 mV" } } },
            { "name": "b", "size": 23, "model": "lif" }
          ],
          "projections": [
            { "source": "a", "target": "b", "connector": { "type": "fixed_probability", "p": 0.3 },
              "weight": { "dist": "normal", "mean": "1 nA", "std": "0.3 nA" }, "delay": { "dist": "uniform", "low": "0.1 ms", "high": "2 ms" },
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "source": "a", "target": "a", "connector": { "type": "fixed_indegree", "k": 5 },
              "weight": { "dist": "uniform", "low": "0.1 nA", "high": "1 nA" }, "delay": "1 ms",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "source": "b", "target": "a", "connector": { "type": "fixed_total_number", "n": 300 },
              "weight": { "dist": "uniform", "low": "-1 nA", "high": "-0.1 nA" }, "delay": { "dist": "uniform", "low": "0.5 ms", "high": "1.5 ms" },
              "synapse": { "model": "exp_current", "port": "inh", "params": { "tau_syn": "5 ms" } } },
            { "source": "b", "target": "b", "connector": { "type": "fixed_outdegree", "k": 4 },
              "weight": "0.5 nA", "delay": "2 ms",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } },
            { "source": "a", "target": "b", "connector": { "type": "all_to_all" },
              "weight": { "dist": "uniform", "low": "0 nA", "high": "0.1 nA" }, "delay": "0.5 ms",
              "synapse": { "model": "exp_current", "port": "slow", "params": { "tau_syn": "20 ms" } } },
            { "source": "b", "target": "a", "connector": { "type": "fixed_probability", "p": 0.2 }, "weight_precision": "16bit",
              "weight": { "dist": "normal", "mean": "1 nA", "std": "0.5 nA" }, "delay": "1 ms",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } }
          ]
        }
        """;
}

using Xunit;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Partitioning;
using Cortex.Spec;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// Merging the rank parts of a projection (no MPI needed) gives the table one process compiles, in its order, synapse by
/// synapse: the reference is the one-process compiler itself. This is the order <c>GetWeights</c>/<c>SetWeights</c> and
/// <c>--save-weights</c> use on any number of ranks.
/// </summary>
public sealed class SynapseOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MergedPartsAreTheOneProcessTableInItsOrder(int ranks)
    {
        using var catalog = CortexComposition.Create();
        var compiler = new NetworkCompiler(catalog.Registry);
        foreach (var json in new[] { PartitionTests.Spec, MultapseSpec })
        {
            var spec = SpecJson.Parse(json);
            var whole = compiler.Compile(spec);
            var parts = ranks == 1 ? [whole] : PartitionTests.CompileParts(compiler, spec, ranks);
            for (var j = 0; j < whole.Projections.Count; j++)
            {
                var expected = whole.Projections[j].Table;
                var tables = parts.Select(p => p.Projections[j].Table).ToList();
                var order = SynapseOrder.Merge(tables);
                Assert.Equal(expected.RowStart, order.RowStart);
                Assert.Equal(expected.Targets, order.Targets);
                Assert.Equal(expected.DelaySteps, order.DelaySteps);
                Assert.Equal(expected.Weights, order.Join([.. tables.Select(t => t.Weights)]));
                for (var r = 0; r < ranks; r++) Assert.Equal(tables[r].Weights, order.Slice(r, expected.Weights));
            }
        }
    }

    [Fact]
    public void ValuesOfTheWrongLengthAreRefused()
    {
        using var catalog = CortexComposition.Create();
        var compiler = new NetworkCompiler(catalog.Registry);
        var parts = PartitionTests.CompileParts(compiler, SpecJson.Parse(MultapseSpec), 2);
        var order = SynapseOrder.Merge([.. parts.Select(p => p.Projections[0].Table)]);
        Assert.Contains($"has {order.Count} synapses", Assert.Throws<ArgumentException>(() => order.Slice(0, new float[order.Count - 1])).Message);
    }

    // Many synapses share source, target and delay (fixed total number draws with multapses, one delay), each with its own
    // weight: their order within the row is the draw order, which the merge must keep.
    private const string MultapseSpec = """
        {
          "name": "multapses", "simulation": { "dt": "0.1 ms", "duration": "10 ms", "seed": 9 },
          "populations": [ { "name": "a", "size": 11, "model": "lif" } ],
          "projections": [
            { "source": "a", "target": "a", "connector": { "type": "fixed_total_number", "n": 600 },
              "weight": { "dist": "uniform", "low": "0.1 nA", "high": "1 nA" }, "delay": "1 ms",
              "synapse": { "model": "exp_current", "port": "exc", "params": { "tau_syn": "5 ms" } } }
          ]
        }
        """;
}

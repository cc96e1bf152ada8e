using Xunit;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Recording;
using Cortex.Spec;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// A plastic network run through <c>mpirun</c> as users run it, <c>cortex run --save-weights</c>: the final weights are the
/// same synapse by synapse, in the one-process order, on 1, 2 and 4 ranks as in a plain one-process run (the reference,
/// no MPI at all), and STDP did move them away from the compiled initial weights.
/// </summary>
public sealed class WeightsIdentityTests
{
    [MpiFact]
    public void PlasticWeightsAreTheSameOnOneTwoAndFourRanks()
    {
        var directory = MpiRunner.TempDirectory();
        var spec = Path.Combine(directory, "plastic.json");
        File.WriteAllText(spec, IdentityTests.PlasticSpec);
        try
        {
            var expected = Weights(directory, spec, 0);
            // The reference itself: one row per synapse of the plastic projection, in the compiled table's order, and moved.
            using var catalog = CortexComposition.Create();
            var initial = new NetworkCompiler(catalog.Registry).Compile(SpecJson.Load(spec)).Projections[0].Table;
            Assert.Equal(initial.Count, expected.Count);
            Assert.Equal(initial.Targets, expected.Select(r => r.Target));
            Assert.Equal(Enumerable.Range(0, initial.Count), expected.Select(r => r.Synapse));
            var moved = expected.Count(r => r.Weight != initial.Weights[r.Synapse]);
            Assert.True(moved > initial.Count / 10, $"STDP should move the weights; {moved} of {initial.Count} moved");

            foreach (var ranks in new[] { 1, 2, 4 })
            {
                var actual = Weights(directory, spec, ranks);
                Assert.Equal(expected.Count, actual.Count);
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [MpiFact]
    public void SaveWeightsOfANetworkWithoutPlasticityWritesNoRows()
    {
        var directory = MpiRunner.TempDirectory();
        try
        {
            var file = Path.Combine(directory, "w.parquet");
            var cuba = Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json");
            var (code, output) = MpiRunner.Run(2, "run", cuba, "--out", Path.Combine(directory, "out"), "--no-plot", "--duration", "5 ms", "--save-weights", file);
            Assert.True(code == 0, output);
            Assert.Contains("no plastic projection", output, StringComparison.Ordinal);
            Assert.Empty(ParquetWeightsFile.Read(file));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IReadOnlyList<ParquetWeightsFile.Row> Weights(string directory, string spec, int ranks)
    {
        var file = Path.Combine(directory, $"weights-{ranks}.parquet");
        var (code, output) = MpiRunner.Run(ranks, "run", spec, "--out", Path.Combine(directory, $"out-{ranks}"), "--no-plot", "--duration", "25 ms", "--save-weights", file);
        Assert.True(code == 0, output);
        Assert.Contains($"wrote {file}", output, StringComparison.Ordinal);
        return ParquetWeightsFile.Read(file);
    }
}

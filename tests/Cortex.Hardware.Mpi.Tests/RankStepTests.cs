using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Hosting;
using Cortex.Partitioning;
using Cortex.Recording;
using Cortex.Spec;
using Xunit;

namespace Cortex.Hardware.Mpi.Tests;

/// <summary>
/// The rank contract of the CPU backend without MPI: R rank sessions in one process, stepped in lock-step with every
/// step's spikes handed to all of them (what the MPI exchange does), end with the one-process network's spikes and
/// plastic weights, synapse by synapse.
/// </summary>
public sealed class RankStepTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void PlasticWeightsAndSpikesMatchOneProcess(int ranks)
    {
        using var catalog = CortexComposition.Create();
        var compiler = new NetworkCompiler(catalog.Registry);
        var spec = SpecJson.Parse(IdentityTests.PlasticSpec);
        var backend = catalog.Registry.GetBackend("cpu");
        const int steps = 400;

        var whole = compiler.Compile(spec);
        using var wholeRecorder = new Recorder(whole.Layout, []);
        using var single = backend.Open(whole, new BackendOptions());
        var expectedSpikes = new List<(long, int, int)>();
        for (var t = 0; t < steps; t++)
        {
            single.Advance(1, wholeRecorder);
            for (var p = 0; p < whole.Populations.Count; p++)
                foreach (var n in single.LastSpikes(p)) expectedSpikes.Add((t, p, n));
        }

        var parts = Enumerable.Range(0, ranks).Select(r => compiler.Compile(spec, new RankSelection(r, ranks))).ToList();
        var sessions = parts.Select(p => Assert.IsAssignableFrom<IRankSession>(backend.Open(p, new BackendOptions()))).ToList();
        using var recorder = new Recorder(whole.Layout, []);
        var actualSpikes = new List<(long, int, int)>();
        for (var t = 0; t < steps; t++)
        {
            foreach (var s in sessions) s.UpdateNeurons(recorder);
            var all = new ReadOnlyMemory<int>[whole.Populations.Count];
            for (var p = 0; p < all.Length; p++)
            {
                var merged = sessions.SelectMany(s => s.LocalSpikes(p).ToArray()).Order().ToArray();
                all[p] = merged;
                actualSpikes.AddRange(merged.Select(n => ((long)t, p, n)));
            }
            foreach (var s in sessions) s.CompleteStep(all, deliverStatic: true, recorder);
        }
        Assert.True(expectedSpikes.Count > 100, $"the network should spike, got {expectedSpikes.Count}");
        Assert.Equal(expectedSpikes, actualSpikes);

        for (var j = 0; j < whole.Projections.Count; j++)
        {
            if (whole.Projections[j].Plasticity is null) continue;
            var expected = Weights(whole.Projections[j].Table, single.GetWeights(j).ToArray(), t => t);
            var actual = parts.SelectMany((part, r) => Weights(part.Projections[j].Table, sessions[r].GetWeights(j).ToArray(), t => t * ranks + r)).ToList();
            expected.Sort();
            actual.Sort();
            // Plasticity moved the weights away from their drawn values, so the comparison tests the rule, not only the draw.
            Assert.NotEqual(Weights(whole.Projections[j].Table, whole.Projections[j].Table.Weights, t => t).Order(), expected);
            Assert.Equal(expected, actual);
        }
        foreach (var s in sessions) s.Dispose();
    }

    private static List<(int Source, int Target, ushort Delay, float Weight)> Weights(SynapseTable table, float[] weights, Func<int, int> toGlobal)
    {
        var list = new List<(int, int, ushort, float)>();
        for (var s = 0; s < table.Sources; s++)
            for (var k = table.RowStart[s]; k < table.RowStart[s + 1]; k++) list.Add((s, toGlobal(table.Targets[k]), table.DelaySteps[k], weights[k]));
        return list;
    }
}

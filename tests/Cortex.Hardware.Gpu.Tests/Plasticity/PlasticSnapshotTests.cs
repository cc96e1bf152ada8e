using Cortex.Simulation;

namespace Cortex.Hardware.Gpu.Tests.Plasticity;

/// <summary>
/// Snapshots of plastic projections on the gpu backend: taken mid-run, with spikes still travelling along their delays,
/// restored into a fresh session, the run continues exactly as if it had not stopped; and a snapshot taken right after a
/// restore is the same bytes (the delay queue is written back in the cpu backend's per-synapse format).
/// </summary>
public sealed class PlasticSnapshotTests
{
    private const int Steps = 900, Split = 437;

    [Fact]
    public void A_restored_session_continues_the_run_exactly()
    {
        var network = PlasticRun.Network(PlasticRun.Rule("triplet_stdp", ("a2_plus", 0.005)), steps: Steps);
        var schedule = PlasticRun.Schedule(network, Steps, preHz: 60, postHz: 30, seed: 11);
        var straight = PlasticRun.Run(network, "gpu", schedule, PlasticRun.CpuAccelerator).Weights;

        SessionSnapshot snapshot;
        using (var first = Open(network))
        {
            for (var n = 0; n < Split; n++)
            {
                PlasticRun.Force(first, schedule, n);
                first.Step();
            }
            snapshot = first.Snapshot();
        }
        using var second = Open(network);
        second.Restore(snapshot);
        Assert.Equal(snapshot.Data, second.Snapshot().Data);
        for (var n = Split; n < Steps; n++)
        {
            PlasticRun.Force(second, schedule, n);
            second.Step();
        }

        Assert.NotEqual(network.Projections[0].Table.Weights, straight);
        Assert.Equal(straight, second.GetWeights(PlasticRun.Projection));
    }

    private static ClosedLoopSession Open(Cortex.Compilation.CompiledNetwork network) =>
        ClosedLoopSession.Open(network, PlasticRun.Registry.GetBackend("gpu"), PlasticRun.CpuAccelerator);
}

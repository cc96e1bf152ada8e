using Cortex.Backends;
using Cortex.Recording;
using Cortex.Simulation;

namespace Cortex.Hardware.Cpu.Tests.ClosedLoop;

/// <summary>
/// The closed-loop paths must mean the same on every backend: the CPU backend gives the reference backend's
/// spikes, weights and state bit for bit under injection, neuromodulation, state and weight writes, the SDK 2
/// receptors, port-aware noisy neurons and per-neuron parameters; and restoring a snapshot continues exactly.
/// </summary>
public sealed class ClosedLoopConformanceTests
{
    private static LoopNetwork.Trace Run(string backend, int calls, int threads = 1)
    {
        var network = LoopNetwork.Compile();
        var sink = new MemorySink();
        using var session = ClosedLoopSession.Open(network, LoopNetwork.Runtime.Registry.GetBackend(backend), new BackendOptions { Threads = threads }, [sink]);
        var trace = LoopNetwork.Drive(session, 0, calls);
        session.Complete();
        return trace with { Recorded = [.. sink.Spikes] };
    }

    [Fact]
    public void Cpu_matches_reference_on_every_closed_loop_path()
    {
        var reference = Run("reference", 150);
        var cpu = Run("cpu", 150);

        var network = LoopNetwork.Compile();
        Assert.True(reference.Recorded.Count(s => s.Population == 1) > 200, "population a should be active");
        Assert.True(reference.Recorded.Count(s => s.Population == 2) > 20, "population p should be active");
        var plastic = network.Projections.Select((p, i) => (p, i)).Single(x => x.p.Plasticity is not null).i;
        Assert.NotEqual(network.Projections[plastic].Table.Weights, reference.Weights[plastic]);
        Assert.Contains(reference.NmdaGating, s => s > 0);
        reference.AssertSameAs(cpu);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void Restoring_a_snapshot_continues_exactly_as_the_uninterrupted_run(string backend)
    {
        var network = LoopNetwork.Compile();
        var registry = LoopNetwork.Runtime.Registry;
        var first = new MemorySink();
        using var session = ClosedLoopSession.Open(network, registry.GetBackend(backend), sinks: [first]);
        LoopNetwork.Drive(session, 0, 60);
        // Queued spikes and injections pending at the snapshot must survive it too.
        session.InjectSpikes("in", [1, 2, 3]);
        session.SetCurrent("p", 4, 0.2);
        var snapshot = session.Snapshot();
        var uninterrupted = LoopNetwork.Drive(session, 60, 60);

        var second = new MemorySink();
        using var restored = ClosedLoopSession.Open(network, registry.GetBackend(backend), sinks: [second]);
        restored.Restore(snapshot);
        Assert.Equal(snapshot.Step, restored.CurrentStep);
        var continued = LoopNetwork.Drive(restored, 60, 60);

        // The same session rewound to the snapshot repeats itself as well.
        session.Restore(snapshot);
        var repeated = LoopNetwork.Drive(session, 60, 60);

        session.Complete();
        restored.Complete();
        // The first sink also holds the rerun after the rewind; take the uninterrupted stretch once.
        uninterrupted = uninterrupted with { Recorded = [.. first.Spikes.Where(s => s.Step >= snapshot.Step).Take(second.Spikes.Count)] };
        continued = continued with { Recorded = [.. second.Spikes] };
        uninterrupted.AssertSameAs(continued);
        Assert.Equal(uninterrupted.LastSpikes, repeated.LastSpikes);
        Assert.Equal(uninterrupted.Weights, repeated.Weights);
    }

    [Fact]
    public void A_snapshot_from_another_network_is_refused_by_name()
    {
        var registry = LoopNetwork.Runtime.Registry;
        using var one = ClosedLoopSession.Open(LoopNetwork.Compile(), registry.GetBackend("cpu"));
        using var other = ClosedLoopSession.Open(LoopNetwork.Compile(), registry.GetBackend("reference"));
        var error = Assert.Throws<ArgumentException>(() => other.Restore(one.Snapshot()));
        Assert.Contains("another network or backend", error.Message);
    }

    [Fact]
    public void Cpu_closed_loop_is_identical_on_one_and_two_threads()
    {
        var one = Run("cpu", 60, threads: 1);
        var two = Run("cpu", 60, threads: 2);
        one.AssertSameAs(two);
    }
}

using Cortex.Backends;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>
/// The closed-loop calls mean on the gpu backend what they mean on the cpu backend: injected current, input and spikes, state
/// and weight writes give the same spikes (a non-chaotic network, so equal within one step and here exactly), and a restored
/// snapshot continues exactly as the uninterrupted run.
/// </summary>
public sealed class ClosedLoopTests
{
    private static readonly Compilation.CompiledNetwork Network = GpuRun.Compile(
        new NetworkBuilder("loop").Dt(Q.Ms(0.1)).Duration(Q.Ms(100)).Seed(3)
            .Population("in", 40, "lif")
            .Population("out", 30, "lif")
            .Connect("in", "out", new FixedProbabilityConnector(0.3), Q.NA(0.15), new UniformValue(Q.Ms(0.5), Q.Ms(2)),
                new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } })
            .Stimulate(new PoissonStimulus { Target = "in", Rate = Q.Hz(500), Weight = Q.NA(0.2),
                Synapse = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } } })
            .RecordSpikes("in").RecordSpikes("out")
            .Build());

    private static ClosedLoopSession Open(string backend, MemorySink sink) =>
        ClosedLoopSession.Open(Network, GpuRun.Registry.GetBackend(backend), backend == "gpu" ? GpuRun.OnCpuAccelerator : new BackendOptions(), [sink]);

    // Drives the session through every closed-loop call; returns each step's spikes of both populations and what was read back.
    private static (List<int[]> Spikes, float[] Voltages, float[] Weights) Drive(ClosedLoopSession session, int from, int steps)
    {
        var spikes = new List<int[]>();
        for (var step = from; step < from + steps; step++)
        {
            if (step == 10) session.SetCurrent("out", 3, 0.5);
            if (step % 25 == 5) session.InjectSpikes("in", [0, 7, step % 40]);
            if (step % 30 == 7) session.InjectInput("out", "exc", step % 30, 0.4);
            if (step == 40)
            {
                var v = session.GetState("out", "v");
                for (var n = 0; n < v.Length; n += 3) v[n] = -52;
                session.SetState("out", "v", v);
            }
            if (step == 60)
            {
                var weights = session.GetWeights("in->out");
                for (var k = 0; k < weights.Length; k += 2) weights[k] *= 1.5f;
                session.SetWeights("in->out", weights);
            }
            session.Step();
            spikes.Add([.. session.Spikes("in"), -1, .. session.Spikes("out")]);
        }
        return (spikes, session.GetState("out", "v"), session.GetWeights("in->out"));
    }

    [Fact]
    public void Every_closed_loop_call_gives_the_cpu_backends_spikes()
    {
        using var cpu = Open("cpu", new MemorySink());
        using var gpu = Open("gpu", new MemorySink());

        var expected = Drive(cpu, 0, 150);
        var actual = Drive(gpu, 0, 150);

        Assert.True(expected.Spikes.Sum(s => s.Length) > 150, "the network should be active");
        Assert.Equal(expected.Spikes, actual.Spikes);
        Assert.Equal(cpu.SpikeCounts, gpu.SpikeCounts);
        Assert.Equal(expected.Weights, actual.Weights);
        for (var n = 0; n < expected.Voltages.Length; n++) Assert.InRange(actual.Voltages[n], expected.Voltages[n] - 1e-3f, expected.Voltages[n] + 1e-3f);
    }

    [Fact]
    public void Restoring_a_snapshot_continues_exactly_as_the_uninterrupted_run()
    {
        using var session = Open("gpu", new MemorySink());
        Drive(session, 0, 50);
        // Queued spikes and injections pending at the snapshot must survive it.
        session.InjectSpikes("in", [1, 2, 3]);
        session.InjectInput("out", "exc", 4, 0.3);
        var snapshot = session.Snapshot();
        var uninterrupted = Drive(session, 50, 60);

        using var restored = Open("gpu", new MemorySink());
        restored.Restore(snapshot);
        var continued = Drive(restored, 50, 60);

        Assert.Equal(50, snapshot.Step);
        Assert.True(uninterrupted.Spikes.Sum(s => s.Length) > 50);
        Assert.Equal(uninterrupted.Spikes, continued.Spikes);
        Assert.Equal(uninterrupted.Voltages, continued.Voltages);
        Assert.Equal(uninterrupted.Weights, continued.Weights);
    }
}

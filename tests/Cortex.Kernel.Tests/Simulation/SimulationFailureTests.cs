using Cortex.Backends;
using Cortex.Recording;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.Simulation;

/// <summary>A run that breaks (NaN or infinity in the state) stops with a message naming where, and keeps what it recorded.</summary>
public sealed class SimulationFailureTests
{
    private const double Dt = 0.1;
    private const double FailAtMs = 50;

    /// <summary>
    /// Three Hodgkin–Huxley neurons spiking under 1 nA; at 50 ms neuron 1 gets an absurd -1e38 nA, which overflows
    /// its state to NaN in that very step. Without <paramref name="absurd"/> it is the same network, healthy.
    /// </summary>
    internal static NetworkSpec Breaking(bool absurd = true, double durationMs = 100)
    {
        var builder = new NetworkBuilder("breaking").Dt(Q.Ms(Dt)).Duration(Q.Ms(durationMs))
            .Population("ok", 2, "lif")
            .Population("bad", 3, "hh")
            .Dc("ok", Q.NA(0.5))
            .Dc("bad", Q.NA(1))
            .RecordSpikes("ok").RecordSpikes("bad");
        if (absurd) builder.Dc("bad", Q.NA(-1e38), indices: [1], start: Q.Ms(FailAtMs));
        return builder.Build();
    }

    [Fact]
    public void NaN_StopsTheRunWithPopulationNeuronAndTime()
    {
        var sink = new MemorySink();
        var network = TestRuntime.Compile(Breaking());
        var e = Assert.Throws<SimulationException>(() =>
            Cortex.Simulation.SimulationRunner.Run(network, TestRuntime.Registry.GetBackend("reference"), new BackendOptions(), [sink]));
        Assert.Contains("population 'bad'", e.Message, StringComparison.Ordinal);
        Assert.Contains("neuron 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        Assert.Contains("t = 50 ms", e.Message, StringComparison.Ordinal);
        Assert.Contains("step 500", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_KeepsEverySpikeRecordedBeforeTheFailure()
    {
        var sink = new MemorySink();
        var network = TestRuntime.Compile(Breaking());
        Assert.Throws<SimulationException>(() =>
            Cortex.Simulation.SimulationRunner.Run(network, TestRuntime.Registry.GetBackend("reference"), new BackendOptions(), [sink]));

        // The sink was completed, and it holds exactly the spikes of the same network run healthily up to the failing step.
        Assert.True(sink.IsCompleted);
        var healthy = TestRuntime.Run(Breaking(absurd: false, durationMs: FailAtMs)).Sink.Spikes;
        Assert.True(healthy.Count(s => s.Population == 1) >= 6, $"only {healthy.Count} spikes before the failure");
        Assert.True(healthy.Count(s => s.Population == 0) >= 2);
        Assert.Equal(healthy, sink.Spikes);
        Assert.All(sink.Spikes, s => Assert.True(s.Step < FailAtMs / Dt));
    }

    [Fact]
    public void Infinity_InAParallelChunk_IsReportedAsSimulationException()
    {
        // 5000 neurons: two chunks of the neuron update; the broken neuron is in the second, updated on another thread.
        var spec = new NetworkBuilder().Dt(Q.Ms(Dt)).Duration(Q.Ms(40))
            .Population("big", 5000, "if", p => p.Param("cm", Q.PF(1)).Param("tau_refrac", Q.Ms(0)))
            .Dc("big", Q.NA(0.01))
            .Dc("big", Q.NA(-1e38), indices: [4500], start: Q.Ms(20))
            .RecordSpikes("big")
            .Build();
        var network = TestRuntime.Compile(spec, 2);
        var sink = new MemorySink();
        var e = Assert.Throws<SimulationException>(() =>
            Cortex.Simulation.SimulationRunner.Run(network, TestRuntime.Registry.GetBackend("reference"), new BackendOptions { Threads = 2 }, [sink]));
        Assert.Contains("population 'big' neuron 4500", e.Message, StringComparison.Ordinal);
        Assert.Contains("Infinity", e.Message, StringComparison.Ordinal);
        Assert.Contains("t = 20 ms", e.Message, StringComparison.Ordinal);
        // 0.01 nA into 1 pF: 1 mV per step, 15 mV to threshold, so everyone fired before the failure; all of it kept.
        Assert.True(sink.IsCompleted);
        Assert.Contains(sink.Spikes, s => s.Neuron == 4999);
        Assert.All(sink.Spikes, s => Assert.True(s.Step < 200));
    }
}

using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Gpu.Tests;

/// <summary>
/// The gpu backend against the cpu backend (an independent implementation of the same semantics, bit-identical to the
/// reference): a non-chaotic network must give the same spike trains, each spike within one step.
/// </summary>
public sealed class CpuAgreementTests
{
    [Fact]
    public void Feedforward_cuba_like_network_gives_the_cpu_spike_trains_within_one_step()
    {
        var network = GpuRun.Compile(FeedForward(seed: 4));
        var cpu = GpuRun.Run(network, "cpu");
        var gpu = GpuRun.Run(network, "gpu");

        Assert.True(cpu.Spikes.Count > 200, $"the network should be active, got {cpu.Spikes.Count} spikes");
        Assert.Equal(cpu.Counts, gpu.Counts);
        var gpuByNeuron = gpu.Spikes.ToLookup(s => (s.Population, s.Neuron));
        foreach (var train in cpu.Spikes.GroupBy(s => (s.Population, s.Neuron)))
        {
            var mine = gpuByNeuron[train.Key].Select(s => s.Step).ToArray();
            var theirs = train.Select(s => s.Step).ToArray();
            Assert.Equal(theirs.Length, mine.Length);
            for (var k = 0; k < theirs.Length; k++) Assert.InRange(mine[k], theirs[k] - 1, theirs[k] + 1);
        }
        Assert.Equal(cpu.Samples.Count, gpu.Samples.Count);
        foreach (var (a, b) in cpu.Samples.Zip(gpu.Samples))
        {
            Assert.Equal((a.Probe, a.Neuron, a.Step), (b.Probe, b.Neuron, b.Step));
            Assert.InRange(b.Value, a.Value - 0.5f, a.Value + 0.5f);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_spikes_on_every_run()
    {
        var network = GpuRun.Compile(FeedForward(seed: 9, durationMs: 50));
        var first = GpuRun.Run(network, "gpu");
        var second = GpuRun.Run(network, "gpu");

        Assert.True(first.Spikes.Count > 100);
        Assert.Equal(first.Spikes, second.Spikes);
        Assert.Equal(first.Samples, second.Samples);
    }

    /// <summary>
    /// Poisson input drives a LIF layer with exp_current synapses, which drives a second layer through excitatory and inhibitory
    /// projections with several delays, delta jumps and a DC pulse, with per-neuron membrane time constants; no recurrence, so
    /// small differences cannot grow.
    /// </summary>
    internal static NetworkSpec FeedForward(ulong seed, double durationMs = 100)
    {
        var excitatory = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };
        var inhibitory = new SynapseSpec { Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10) } };
        var delta = new SynapseSpec { Model = "delta", Port = "jump" };
        var alpha = new SynapseSpec { Model = "alpha_current", Port = "alpha", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(1.5) } };
        return new NetworkBuilder("feedforward").Dt(Q.Ms(0.1)).Duration(Q.Ms(durationMs)).Seed(seed)
            .Population("input", 200, "lif", p => p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55))))
            // Per-neuron parameters: each output neuron has its own membrane time constant.
            .Population("output", 80, "lif", p => p.Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30))))
            .Connect("input", "output", new FixedProbabilityConnector(0.2), Q.NA(0.08), new UniformValue(Q.Ms(0.5), Q.Ms(3)), excitatory)
            .Connect("input", "output", new FixedProbabilityConnector(0.05), Q.NA(-0.1), Q.Ms(1), inhibitory)
            .Connect("input", "output", new FixedProbabilityConnector(0.05), Q.MV(0.5), Q.Ms(0.2), delta)
            .Connect("input", "output", new FixedInDegreeConnector(5), Q.NA(0.05), Q.Ms(0.6), alpha)
            .Stimulate(new PoissonStimulus { Target = "input", Rate = Q.Hz(900), Weight = Q.NA(0.12), Synapse = excitatory })
            .Dc("output", Q.NA(0.1), start: Q.Ms(20), stop: Q.Ms(80))
            .Stimulate(new SpikeTimesStimulus { Target = "output", Indices = [0, 1, 2], Times = [Q.Ms(30), Q.Ms(30.04), Q.Ms(90)], Weight = Q.MV(5), Synapse = delta })
            .RecordSpikes("input").RecordSpikes("output")
            .RecordState("input", "v", [0, 1, 7], Q.Ms(0.5))
            .RecordState("output", "v", [0], Q.Ms(1))
            .Build();
    }
}

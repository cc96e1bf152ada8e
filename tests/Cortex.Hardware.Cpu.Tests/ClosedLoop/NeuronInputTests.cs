using Cortex.Backends;
using Cortex.Models;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Cpu.Tests.ClosedLoop;

/// <summary>
/// The SDK 2 neuron input seen from a model: the counter-based noise stream has the statistics it promises and
/// is the same on every backend; port inputs reach the model separately; neuromodulator levels are readable.
/// </summary>
public sealed class NeuronInputTests
{
    private static ClosedLoopSession Open(NetworkSpec spec, string backend, MemorySink sink) =>
        ClosedLoopSession.Open(new Cortex.Compilation.NetworkCompiler(LoopNetwork.Runtime.Registry).Compile(spec), LoopNetwork.Runtime.Registry.GetBackend(backend), sinks: [sink]);

    private static NetworkSpec Noisy(double escape, ulong seed = 5) => new NetworkBuilder("noise").Dt(Q.Ms(0.1)).Duration(Q.Ms(100)).Seed(seed)
        .Population("p", 500, "probe_neuron", p => p.Param("p_escape", Q.Number(escape)).Param("v_thresh", "1000 mV"))
        .RecordSpikes("p")
        .Build();

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void Escape_noise_fires_at_its_probability_within_binomial_bounds_and_neurons_are_independent(string backend)
    {
        const double p = 0.01;
        var sink = new MemorySink();
        using (var session = Open(Noisy(p), backend, sink)) session.Step(1000);
        var trials = 500.0 * 1000;
        var spikes = sink.Spikes.Count;
        // Mean ± 5 standard deviations of Binomial(n, p).
        var sd = Math.Sqrt(trials * p * (1 - p));
        Assert.InRange(spikes, trials * p - 5 * sd, trials * p + 5 * sd);
        // Independent streams: the number of neurons firing in the same step follows Binomial(500, p) too,
        // so no step sees (almost) all neurons fire together.
        Assert.True(sink.Spikes.GroupBy(s => s.Step).Max(g => g.Count()) < 25);
        // And per-neuron counts vary as independent binomials do (variance ≈ 1000·p·(1 − p) ≈ 9.9).
        var counts = sink.Spikes.GroupBy(s => s.Neuron).Select(g => (double)g.Count()).ToList();
        counts.AddRange(Enumerable.Repeat(0.0, 500 - counts.Count));
        var mean = counts.Average();
        var variance = counts.Sum(c => (c - mean) * (c - mean)) / (counts.Count - 1);
        Assert.InRange(variance, 6, 14);
    }

    [Fact]
    public void The_noise_stream_is_the_same_on_both_backends_and_changes_with_the_seed()
    {
        List<SpikeRecord> Run(string backend, ulong seed)
        {
            var sink = new MemorySink();
            using (var session = Open(Noisy(0.02, seed), backend, sink)) session.Step(300);
            return [.. sink.Spikes];
        }

        var reference = Run("reference", 5);
        Assert.Equal(reference, Run("cpu", 5));
        Assert.NotEqual(reference, Run("reference", 6));
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("cpu")]
    public void Ports_reach_the_model_separately_and_neuromodulators_move_its_threshold(string backend)
    {
        // probe_neuron counts "dend…" ports at half weight and lowers its threshold by the level of "ach".
        var exc = new SynapseSpec { Model = "exp_current", Port = "soma", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };
        var dend = new SynapseSpec { Model = "exp_current", Port = "dend", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };
        var spec = new NetworkBuilder("ports").Dt(Q.Ms(0.1)).Duration(Q.Ms(100))
            .Population("src", 1, "lif")
            .Population("p", 2, "probe_neuron", p => p.Param("p_escape", Q.Number(0)).Param("v_thresh", "1000 mV"))
            .Connect("src", "p", new AllToAllConnector(), Q.NA(0.1), Q.Ms(0.1), exc, projectionName: "soma")
            .Connect("src", "p", new AllToAllConnector(), Q.NA(0.1), Q.Ms(0.1), dend, projectionName: "dend")
            .Build();
        var sink = new MemorySink();
        using var session = Open(spec, backend, sink);
        session.SetWeights("dend", [0f, 0.2f]);
        session.SetWeights("soma", [0.2f, 0f]);
        session.InjectSpikes("src", [0]);
        session.Step(20);
        var v = session.GetState("p", "v");
        // Neuron 0 got 0.2 nA on its soma, neuron 1 the same on its dendrite, which counts half.
        Assert.True(v[0] > 0);
        Assert.Equal(v[0] / 2, v[1], 1e-5);

        // A threshold of 1000 mV lowered by an "ach" level of 999.9 mV lets the depolarised neurons fire.
        session.SetNeuromodulator("ach", 1000 - v[1] / 2, "p");
        session.Step(1);
        Assert.Equal([0, 1], session.Spikes("p").ToArray());
    }
}

using Cortex.Backends;
using Cortex.Compilation;
using Cortex.Recording;
using Cortex.Simulation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Xunit;

namespace Cortex.Tests.ClosedLoop;

/// <summary>
/// What a closed-loop caller relies on, checked against closed forms on the reference backend: input takes
/// effect from the next step, the last step's spikes are readable at once, injected spikes travel like real ones,
/// neuromodulators relax as declared, names are checked, and batch runs are the same stepping path.
/// </summary>
public sealed class ClosedLoopSessionTests
{
    private const double Dt = 0.1;

    private static ClosedLoopSession Open(NetworkSpec spec, MemorySink? sink = null) =>
        ClosedLoopSession.Open(TestRuntime.Compile(spec), TestRuntime.Registry.GetBackend("reference"), sinks: sink is null ? null : [sink]);

    private static NetworkBuilder Cells() => new NetworkBuilder("cells").Dt(Q.Ms(Dt)).Duration(Q.Ms(10)).Seed(3)
        .Population("a", 3, "lif", p => p.Param("tau_m", "20 ms").Param("cm", "250 pF").Param("v_rest", "-65 mV").Param("v_thresh", "-50 mV"))
        .Population("b", 3, "lif")
        .Connect("a", "b", new OneToOneConnector(), Q.MV(2), Q.Ms(0.3), new SynapseSpec { Model = "delta", Port = "jump" }, projectionName: "a->b");

    [Fact]
    public void Injected_current_acts_from_the_next_step_with_the_closed_form_lif_response()
    {
        using var session = Open(Cells().Build());
        session.Step(5);
        Assert.Equal(-65f, session.GetState("a", "v")[1]);

        session.SetCurrent("a", 1, 0.1);
        session.Step(20);

        // v(t) = v_rest + R·I·(1 − e^(−t/τ)), R = τ/c_m = 80 MΩ, over the 20 steps since the injection.
        var expected = -65 + 80 * 0.1 * (1 - Math.Exp(-20 * Dt / 20));
        var v = session.GetState("a", "v");
        Assert.Equal(expected, v[1], 1e-3);
        Assert.Equal(-65f, v[0]);
        Assert.Equal(-65f, v[2]);
        Assert.Equal(25, session.CurrentStep);
    }

    [Fact]
    public void Injected_spikes_are_emitted_at_the_next_step_recorded_and_delivered_after_the_delay()
    {
        var sink = new MemorySink();
        using var session = Open(Cells().RecordSpikes("a").Build(), sink);
        session.Step(4);
        session.InjectSpikes("a", [2, 0, 2]);
        session.Step(1);

        Assert.Equal([0, 2], session.Spikes("a").ToArray());
        session.Step(1);
        Assert.Empty(session.Spikes("a").ToArray());
        // The delta synapse jumps b's v by 2 mV three steps (0.3 ms) after the spike, at the start of that step,
        // which then relaxes it towards rest for one step (b has lif's default tau_m = 20 ms).
        session.Step(1);
        Assert.Equal(-65f, session.GetState("b", "v")[0]);
        session.Step(1);
        Assert.Equal(-65 + 2 * Math.Exp(-Dt / 20), session.GetState("b", "v")[0], 1e-4);
        Assert.Equal(-65f, session.GetState("b", "v")[1]);
        session.Complete();
        Assert.Equal([(0, 0, 4L), (0, 2, 4L)], sink.Spikes.Select(s => (s.Population, s.Neuron, s.Step)));
    }

    [Fact]
    public void Spikes_of_the_last_step_are_read_synchronously_and_match_the_recording()
    {
        var sink = new MemorySink();
        var spec = Cells().Dc("a", Q.NA(0.5)).RecordSpikes("a").Build();
        using var session = Open(spec, sink);
        var seen = new List<(int Neuron, long Step)>();
        for (var step = 0; step < 100; step++)
        {
            session.Step();
            foreach (var n in session.Spikes("a")) seen.Add((n, session.CurrentStep - 1));
        }
        session.Complete();
        Assert.NotEmpty(seen);
        Assert.Equal(sink.Spikes.Select(s => (s.Neuron, s.Step)), seen);
    }

    [Fact]
    public void Input_injected_into_a_port_arrives_at_the_next_step()
    {
        var spec = new NetworkBuilder("port").Dt(Q.Ms(Dt)).Duration(Q.Ms(10))
            .Population("a", 1, "lif")
            .Population("b", 1, "lif")
            .Connect("a", "b", new OneToOneConnector(), Q.NA(1), Q.Ms(1), new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } })
            .Build();
        using var session = Open(spec);
        session.InjectInput("b", "exc", 0, 0.4);
        Assert.Equal(0f, session.GetState("b", "exc.i")[0]);
        session.Step();
        // Taken in, used for the step, then decayed by exp(−dt/τ).
        Assert.Equal(0.4 * Math.Exp(-Dt / 5), session.GetState("b", "exc.i")[0], 1e-6);
    }

    [Fact]
    public void Neuromodulators_relax_towards_their_baseline_with_the_declared_time_constant()
    {
        var spec = Cells().Neuromodulator("dopamine", baseline: 0.2, tau: Q.Ms(50)).Neuromodulator("serotonin").Build();
        using var session = Open(spec);
        Assert.Equal(0.2f, session.GetNeuromodulator("dopamine", "a"));
        session.AddNeuromodulator("dopamine", 1.0, "a");
        session.SetNeuromodulator("serotonin", 0.7);
        session.Step(100);

        Assert.Equal(0.2 + 1.0 * Math.Exp(-100 * Dt / 50), session.GetNeuromodulator("dopamine", "a"), 1e-5);
        Assert.Equal(0.2f, session.GetNeuromodulator("dopamine", "b"));
        Assert.Equal(0.7f, session.GetNeuromodulator("serotonin", "b"));
    }

    [Fact]
    public void Weights_and_state_written_by_the_caller_are_what_the_network_uses()
    {
        using var session = Open(Cells().Build());
        session.SetWeights("a->b", [5f, 0f, 1f]);
        session.InjectSpikes("a", [0, 1, 2]);
        session.Step(5);
        Assert.Equal([5f, 0f, 1f], session.GetWeights("a->b"));
        // Spikes at step 0 arrive at step 3 and relax over steps 3 and 4.
        var v = session.GetState("b", "v");
        Assert.Equal(-65 + 5 * Math.Exp(-2 * Dt / 20), v[0], 1e-4);
        Assert.Equal(-65f, v[1]);

        session.SetState("b", "v", [-58f, -66f, -64f]);
        Assert.Equal([-58f, -66f, -64f], session.GetState("b", "v"));
    }

    [Fact]
    public void Unknown_names_are_refused_with_the_known_ones_listed()
    {
        using var session = Open(Cells().Neuromodulator("dopamine").Build());
        Assert.Contains("populations: a, b", Assert.Throws<KeyNotFoundException>(() => session.Spikes("c")).Message);
        Assert.Contains("variables: v, refractory", Assert.Throws<KeyNotFoundException>(() => session.GetState("a", "u")).Message);
        Assert.Contains("ports: jump", Assert.Throws<KeyNotFoundException>(() => session.InjectInput("b", "exc", 0, 1)).Message);
        Assert.Contains("known: dopamine", Assert.Throws<KeyNotFoundException>(() => session.SetNeuromodulator("dopamin", 1)).Message);
        Assert.Contains("projections: a->b", Assert.Throws<KeyNotFoundException>(() => session.GetWeights("b->a")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.SetCurrent("a", 3, 1));
        Assert.Throws<ArgumentException>(() => session.SetWeights("a->b", [1f]));
        Assert.Throws<ArgumentException>(() => session.SetWeights("a->b", [1f, float.NaN, 1f]));
    }

    [Fact]
    public void A_backend_that_cannot_run_a_component_refuses_it_naming_both()
    {
        var network = TestRuntime.Compile(Cells().Build());
        var error = Assert.Throws<UnsupportedComponentException>(() => ClosedLoopSession.Open(network, new DeltaRefusingBackend()));
        Assert.Equal("backend 'picky' cannot run synapse model 'delta' (projection a->b): no voltage jumps on this device", error.Message);
    }

    [Fact]
    public void A_batch_run_is_the_same_stepping_path_as_stepping_by_hand()
    {
        var spec = Cells().Duration(Q.Ms(50)).Dc("a", Q.NA(0.4)).RecordSpikes("a").RecordSpikes("b").Build();
        var batch = TestRuntime.Run(spec);
        var sink = new MemorySink();
        using (var session = Open(spec, sink))
            for (var i = 0; i < 500; i++) session.Step(1);
        Assert.NotEmpty(batch.Sink.Spikes);
        Assert.Equal(batch.Sink.Spikes, sink.Spikes);
    }

    /// <summary>A backend that cannot run delta synapses, as a device backend might not.</summary>
    private sealed class DeltaRefusingBackend : IBackend
    {
        public string Name => "picky";

        public string Description => "test backend without delta synapses";

        public IReadOnlyList<string> Unsupported(CompiledNetwork network) =>
            [.. network.Projections.Where(p => network.Populations[p.Target].Receptors[p.Receptor].Model.JumpsVoltage)
                .Select(p => $"synapse model 'delta' (projection {p.Name}): no voltage jumps on this device")];

        public ISimulationSession Open(CompiledNetwork network, BackendOptions options) => throw new InvalidOperationException("refused before opening");
    }
}

using Cortex.Backends;
using Cortex.Spec;
using Cortex.Units;

namespace Cortex.Hardware.Cpu.Tests;

/// <summary>
/// The CPU backend must give exactly the reference backend's spikes, samples and plastic weights:
/// it performs the same float operations in the same order, so equality is bit-for-bit.
/// </summary>
public sealed class ConformanceTests
{
    // lif_copy and lif_scalar are the built-in LIF copied into a plugin assembly, with and without its SIMD lane form.
    public static TheoryData<string> NeuronModels => new() { "lif", "if", "izhikevich", "adex", "hh", "lif_copy", "lif_scalar" };

    [Theory]
    [MemberData(nameof(NeuronModels))]
    public void Cpu_matches_reference_for_every_neuron_model_with_all_synapse_kinds_and_stimuli(string model)
    {
        var network = BackendRun.Compile(MixedNetwork(model, size: 300, seed: 11));
        var reference = BackendRun.Run(network, "reference");
        var cpu = BackendRun.Run(network, "cpu");

        Assert.True(reference.Spikes.Count > 50, $"the {model} network should be active, got {reference.Spikes.Count} spikes");
        Assert.Equal(reference.Spikes, cpu.Spikes);
        Assert.Equal(reference.Samples, cpu.Samples);
        Assert.Equal(reference.Counts, cpu.Counts);
    }

    [Fact]
    public void Cpu_matches_reference_with_stdp_and_heterogeneous_delays()
    {
        var network = BackendRun.Compile(MixedNetwork("lif", size: 400, seed: 5, plastic: true));
        var reference = BackendRun.Run(network, "reference");
        var cpu = BackendRun.Run(network, "cpu");

        Assert.True(network.MaxDelaySteps > network.MinDelaySteps, "delays should be heterogeneous");
        Assert.Equal(reference.Spikes, cpu.Spikes);
        var plastic = network.Projections.Select((p, i) => (p, i)).Single(x => x.p.Plasticity is not null).i;
        Assert.NotEqual(network.Projections[plastic].Table.Weights, reference.Weights[plastic]);
        Assert.Equal(reference.Weights[plastic], cpu.Weights[plastic]);
    }

    [Fact]
    public void Cpu_gives_identical_spikes_on_one_and_two_threads_for_a_population_split_over_threads()
    {
        // A backend that threads every population of more than one chunk, so two threads really split the update.
        var threaded = new CpuBackend(parallelMinNeurons: CpuPopulation.ChunkSize);
        var network = BackendRun.Compile(MixedNetwork("lif", size: 4 * CpuPopulation.ChunkSize + 123, seed: 3, duration: 60));
        var one = BackendRun.Run(network, threaded, threads: 1);
        var two = BackendRun.Run(network, threaded, threads: 2);
        var reference = BackendRun.Run(network, "reference", threads: 2);

        Assert.True(one.Spikes.Count > 1000);
        Assert.Equal(one.Spikes, two.Spikes);
        Assert.Equal(reference.Spikes, two.Spikes);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void Delivery_split_by_target_range_over_threads_gives_the_reference_spikes_and_weights(int threads, bool plastic)
    {
        // Every population of at least one chunk is threaded, so receptors are split into one target range per thread
        // (of unequal sizes with 3 threads), delivered and arrived concurrently; plastic arrivals are routed to their range.
        var threaded = new CpuBackend(parallelMinNeurons: CpuPopulation.ChunkSize);
        var network = BackendRun.Compile(MixedNetwork("lif", size: 4 * CpuPopulation.ChunkSize + 123, seed: 9, plastic: plastic, duration: 40));
        using (var session = (CpuSession)threaded.Open(network, new BackendOptions { Threads = threads }))
            Assert.Equal(threads, session.TargetParts(0));
        var split = BackendRun.Run(network, threaded, threads);
        var reference = BackendRun.Run(network, "reference");

        Assert.True(reference.Spikes.Count > 500);
        Assert.Equal(reference.Spikes, split.Spikes);
        Assert.Equal(reference.Weights, split.Weights);
    }

    [Fact]
    public void Cpu_matches_reference_on_the_cuba_example()
    {
        var spec = SpecJson.Load(Path.Combine(AppContext.BaseDirectory, "examples", "cuba.json"));
        var network = BackendRun.Compile(spec with { Simulation = spec.Simulation with { Duration = Q.Ms(300) } });
        var reference = BackendRun.Run(network, "reference");
        var cpu = BackendRun.Run(network, "cpu", threads: 2);

        Assert.True(reference.Spikes.Count > 3000);
        Assert.Equal(reference.Spikes, cpu.Spikes);
    }

    /// <summary>
    /// A recurrent network exercising every input path: every built-in synapse kind (exp_current for exc/inh,
    /// exp_conductance, delta, pulse_current, alpha_current, biexp_conductance), uniform delays over several steps and
    /// one-step delays beside longer ones onto the same receptor (direct delivery and the ring),
    /// DC, Poisson and spike-time stimuli, state probes.
    /// </summary>
    internal static NetworkSpec MixedNetwork(string model, int size, ulong seed, bool plastic = false, double duration = 200)
    {
        var isVoltageModel = model is "izhikevich";
        // Current scale per model so each is driven but not saturated.
        var scale = model switch { "izhikevich" => 20.0, "hh" => 2.0, "adex" => 1.5, "if" => 0.5, _ => 1.0 };
        var excitatory = new SynapseSpec { Model = "exp_current", Port = "exc", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(5) } };
        var inhibitory = new SynapseSpec { Model = "exp_current", Port = "inh", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(10) } };
        var conductance = new SynapseSpec { Model = "exp_conductance", Port = "ampa", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(3) } };
        var delta = new SynapseSpec { Model = "delta", Port = "jump" };
        var pulse = new SynapseSpec { Model = "pulse_current", Port = "pulse" };
        var alpha = new SynapseSpec { Model = "alpha_current", Port = "alpha", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(1.5) } };
        var biexp = new SynapseSpec { Model = "biexp_conductance", Port = "biexp" };
        var builder = new NetworkBuilder("mixed").Dt(Q.Ms(0.1)).Duration(Q.Ms(duration)).Seed(seed)
            .Population("a", size, model, p =>
            {
                if (model.StartsWith("lif", StringComparison.Ordinal)) p.Param("tau_refrac", "2 ms");
                p.Init("v", new UniformValue(Q.MV(-70), Q.MV(-55)));
            })
            .Population("b", size / 3, model)
            .Connect("a", "a", new FixedProbabilityConnector(0.05), Q.NA(0.02 * scale),
                new UniformValue(Q.Ms(0.1), Q.Ms(2.5)), excitatory,
                plastic ? new PlasticitySpec { Rule = "stdp", Params = new Dictionary<string, Quantity> { ["w_max"] = Q.Number(0.1 * scale), ["a_plus"] = Q.Number(0.05) } } : null)
            .Connect("a", "b", new FixedInDegreeConnector(20), new NormalValue(Q.NS(2), Q.NS(0.5), Q.NS(0)), Q.Ms(1), conductance)
            .Connect("b", "a", new FixedOutDegreeConnector(30), Q.NA(-0.05 * scale), Q.Ms(0.5), inhibitory)
            .Connect("b", "b", new FixedProbabilityConnector(0.1), Q.MV(isVoltageModel ? 1 : 0.5), Q.Ms(0.2), delta)
            .Connect("b", "a", new FixedProbabilityConnector(0.1), Q.NA(0.05 * scale), Q.Ms(0.3), pulse)
            .Connect("a", "b", new FixedInDegreeConnector(5), Q.NA(0.01 * scale), Q.Ms(0.6), alpha)
            .Connect("b", "b", new FixedProbabilityConnector(0.05), Q.NS(1), Q.Ms(1), biexp)
            // One-step synapses onto a conductance and a pulse receptor, which add straight to the receptor state.
            .Connect("a", "b", new FixedInDegreeConnector(5), Q.NS(1), Q.Ms(0.1), conductance)
            .Connect("b", "a", new FixedProbabilityConnector(0.05), Q.NA(0.03 * scale), Q.Ms(0.1), pulse)
            .Stimulate(new PoissonStimulus { Target = "a", Rate = Q.Hz(800), Weight = Q.NA(0.1 * scale), Synapse = excitatory })
            .Dc("b", Q.NA(0.3 * scale), start: Q.Ms(20), stop: Q.Ms(150))
            .Stimulate(new SpikeTimesStimulus { Target = "b", Indices = [0, 1, 2], Times = [Q.Ms(30), Q.Ms(30.04), Q.Ms(90)], Weight = Q.MV(5), Synapse = delta })
            .RecordSpikes("a").RecordSpikes("b")
            .RecordState("a", "v", [0, 1, 7], Q.Ms(0.5))
            .RecordState("b", "v", [0], Q.Ms(1));
        return builder.Build();
    }
}

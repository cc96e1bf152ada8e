using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using static Cortex.BrainRegions.Tests.BasalGanglia.BasalGangliaHarness;

namespace Cortex.BrainRegions.Tests.BasalGanglia;

/// <summary>The <c>basal_ganglia</c> circuit's shape, its dopamine declaration, its errors and its determinism.</summary>
public sealed class BasalGangliaSpecTests
{
    private static IReadOnlyList<SpecError> Errors(NetworkSpec spec) => new SpecValidator(Runtime.Registry).Validate(spec);

    private static NetworkSpec Instance(Action<CircuitInstanceBuilder>? parameters = null, Action<NetworkBuilder>? spec = null)
    {
        var builder = new NetworkBuilder().Duration(Q.Ms(1));
        spec?.Invoke(builder);
        return builder.Circuit("basal_ganglia", "bg", parameters).Build();
    }

    [Fact]
    public void BuildsTheFiveNucleiAndTheRelay_InChannelBlocks_WithThePapersTopology()
    {
        const int channels = 4, size = 5;
        var network = Runtime.Compile(Instance(c => c.Param("channels", channels).Param("channel_size", size).Param("w_gpe_gpe", "0.1 nA")));
        Assert.Equal(["bg.ctx", "bg.d1", "bg.d2", "bg.stn", "bg.gpe", "bg.gpi"], network.Populations.Select(p => p.Name));
        Assert.All(network.Populations, p => Assert.Equal(channels * size, p.Size));

        // Focused projections stay inside a channel; diffuse ones (STN) reach every channel. Checked pair by pair.
        static int Channel(int neuron) => neuron / size;
        foreach (var projection in network.Projections)
        {
            var diffuse = projection.Name.StartsWith("bg.stn_to_", StringComparison.Ordinal);
            var table = projection.Table;
            var pairs = Enumerable.Range(0, table.Sources)
                .SelectMany(source => Enumerable.Range(table.RowStart[source], table.RowStart[source + 1] - table.RowStart[source]).Select(i => (source, table.Targets[i])))
                .ToList();
            Assert.Equal(diffuse ? channels * size * channels * size : channels * size * size, pairs.Count);
            if (!diffuse) Assert.All(pairs, p => Assert.Equal(Channel(p.Item1), Channel(p.Item2)));
        }
        string[] expected = ["ctx_to_d1", "ctx_to_d2", "ctx_to_stn", "d1_to_gpi", "d2_to_gpe", "stn_to_gpi", "stn_to_gpe", "gpe_to_stn", "gpe_to_gpi", "gpe_to_gpe"];
        Assert.Equal(expected.Select(e => $"bg.{e}"), network.Projections.Select(p => p.Name));

        // Sign and scale: each synapse carries the block's summed weight over channel_size; pallidum and striatum inhibit.
        float Weight(string name) => network.Projections.Single(p => p.Name == $"bg.{name}").Table.Weights.Distinct().Single();
        Assert.Equal(-4f / size, Weight("d1_to_gpi"), 6);
        Assert.Equal(0.5f / size, Weight("stn_to_gpi"), 6);
        Assert.Equal(-0.1f / size, Weight("gpe_to_gpe"), 6);
        Assert.Equal(2.45f / size, Weight("ctx_to_d1"), 6);
    }

    [Fact]
    public void GpeSelfInhibition_IsLeftOutByDefault()
    {
        var network = Runtime.Compile(Instance());
        Assert.DoesNotContain(network.Projections, p => p.Name == "bg.gpe_to_gpe");
    }

    [Fact]
    public void DeclaresDopamine_WithTheTonicLevelAsBaseline_AndTheStriatumReadsIt()
    {
        var network = Runtime.Compile(Instance(c => c.Param("dopamine", 0.35).Param("dopamine_tau", "50 ms")));
        var dopamine = Assert.Single(network.Neuromodulators);
        Assert.Equal("dopamine", dopamine.Name);
        Assert.Equal(0.35f, dopamine.Baseline, 6);
        Assert.Equal((float)Math.Exp(-0.1 / 50), dopamine.DecayPerStep, 6);
        Assert.All(network.Populations.Where(p => p.Name is "bg.d1" or "bg.d2"), p => Assert.Equal(["dopamine"], p.Model.Neuromodulators));
    }

    [Theory]
    [InlineData("channels", "2.5", "whole number")]
    [InlineData("channels", "1", "between 2 and")]
    [InlineData("channel_size", "0", "")]
    [InlineData("dopamine", "-0.1", "")]
    [InlineData("lambda_d1", "-1", "")]
    [InlineData("tau_syn", "0 ms", "")]
    [InlineData("channel_size", "5000", "synapses per focused projection")]
    public void ABadParameter_IsOneErrorNamingIt(string name, string value, string says)
    {
        var error = Assert.Single(Errors(Instance(c => c.Param(name, value))));
        Assert.Equal($"circuits[0].params.{name}", error.Path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownParameter_IsNamed()
    {
        var error = Assert.Single(Errors(Instance(c => c.Param("dopamin", 0.3))));
        Assert.StartsWith("circuits[0].params.dopamin", error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void DopamineDeclaredAlsoByTheSpec_IsOneErrorAtTheCircuit()
    {
        var error = Assert.Single(Errors(Instance(spec: b => b.Neuromodulator("dopamine", 0.1))));
        Assert.Equal("circuits[0].neuromodulators[0].name", error.Path);
        Assert.Contains("neuromodulators[0] already declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoInstances_DeclareDopamineTwice_AndTheSecondIsTheError()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1)).Circuit("basal_ganglia", "a").Circuit("basal_ganglia", "b").Build();
        var error = Assert.Single(Errors(spec));
        Assert.Equal("circuits[1].neuromodulators[0].name", error.Path);
        Assert.Contains("circuits[0] ('a')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSpikes_OnOneAndTwoThreads()
    {
        var spec = SalienceSpec([new Phase(0, [10, 20, 40]), new Phase(150, [40, 20, 10])], 300, seed: 9);
        var (_, one) = Runtime.Run(spec, threads: 1);
        var (_, two) = Runtime.Run(spec, threads: 2);
        Assert.True(one.Spikes.Count > 1000, $"only {one.Spikes.Count} spikes");
        Assert.Equal(one.Spikes.OrderBy(s => (s.Step, s.Population, s.Neuron)), two.Spikes.OrderBy(s => (s.Step, s.Population, s.Neuron)));
    }

    [Fact]
    public void TheReferenceBackend_GivesTheSameSpikes()
    {
        // The dopamine-scaled striatal model and the neuromodulator levels mean the same on both CPU backends.
        var spec = SalienceSpec([new Phase(0, [10, 20, 40])], 200, seed: 4);
        var (_, cpu) = Runtime.Run(spec, "cpu", threads: 1);
        var (_, reference) = Runtime.Run(spec, "reference", threads: 1);
        Assert.True(cpu.Spikes.Count > 500, $"only {cpu.Spikes.Count} spikes");
        Assert.Equal(cpu.Spikes.OrderBy(s => (s.Step, s.Population, s.Neuron)), reference.Spikes.OrderBy(s => (s.Step, s.Population, s.Neuron)));
    }
}

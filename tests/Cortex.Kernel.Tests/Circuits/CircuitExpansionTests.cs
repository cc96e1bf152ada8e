using Cortex.Circuits;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Circuits;

/// <summary>
/// Circuit instances become ordinary, prefixed populations and projections after the spec's own, and references to
/// their ports become references to the bound population.
/// </summary>
public sealed class CircuitExpansionTests
{
    private const int Groups = 3, GroupSize = 4, Inhibitory = 5;

    private static NetworkSpec Spec() => new NetworkBuilder("wired").Duration(Q.Ms(5))
        .Population("drive", Groups * GroupSize, "lif")
        .Population("readout", 2, "lif")
        .Connect("drive", "bg.in", new OneToOneConnector(), Q.NA(0.5))
        .Connect("bg.out", "readout", new AllToAllConnector(), Q.NA(0.1))
        .Connect("drive", "bg.i", new AllToAllConnector(), Q.NA(0.05))
        .Dc("bg.in", Q.NA(0.2), indices: [0, 1])
        .RecordSpikes("bg.out")
        .RecordState("bg.i", "v")
        .Circuit("wta", "bg", c => c.Param("groups", Groups).Param("group_size", GroupSize).Param("inh_size", Inhibitory))
        .Build();

    private static CircuitExpansion Expand(NetworkSpec spec) => new CircuitExpander(TestComponents.Registry).Expand(spec);

    [Fact]
    public void Populations_ArePrefixed_AndComeAfterTheSpecsOwn()
    {
        var expansion = Expand(Spec());
        Assert.Empty(expansion.Errors);
        Assert.Equal(
            [("drive", 12, "lif"), ("readout", 2, "lif"), ("bg.e", Groups * GroupSize, "lif"), ("bg.i", Inhibitory, "lif")],
            expansion.Spec.Populations.Select(p => (p.Name, p.Size, p.Model)));
        Assert.Empty(expansion.Spec.Circuits);
    }

    [Fact]
    public void PortReferences_AreRewrittenToTheBoundPopulation()
    {
        var spec = Expand(Spec()).Spec;
        Assert.Equal(("drive", "bg.e"), (spec.Projections[0].Source, spec.Projections[0].Target));
        Assert.Equal(("bg.e", "readout"), (spec.Projections[1].Source, spec.Projections[1].Target));
        // A full internal name is kept as it is.
        Assert.Equal(("drive", "bg.i"), (spec.Projections[2].Source, spec.Projections[2].Target));
        Assert.Equal("bg.e", spec.Stimuli[0].Target);
        Assert.Equal(["bg.e", "bg.i"], spec.Probes.Select(p => p.Population));
    }

    [Fact]
    public void CircuitProjections_AreAppended_WithPrefixedNamesAndEnds()
    {
        var projections = Expand(Spec()).Spec.Projections.Skip(3).ToList();
        Assert.Equal(
            [("bg.recurrent", "bg.e", "bg.e"), ("bg.e_to_i", "bg.e", "bg.i"), ("bg.i_to_e", "bg.i", "bg.e")],
            projections.Select(p => (p.Name, p.Source, p.Target)));
    }

    [Fact]
    public void SelfExcitation_StaysWithinEachGroup()
    {
        var recurrent = Assert.IsType<ExplicitConnector>(Expand(Spec()).Spec.Projections.Single(p => p.Name == "bg.recurrent").Connector);
        Assert.Equal(Groups * GroupSize * (GroupSize - 1), recurrent.Connections.Count);
        Assert.All(recurrent.Connections, c =>
        {
            Assert.NotEqual(c.Source, c.Target);
            Assert.Equal(c.Source / GroupSize, c.Target / GroupSize);
        });
        Assert.Equal(recurrent.Connections.Count, recurrent.Connections.Distinct().Count());
    }

    [Fact]
    public void Instances_ReportTheirPortBindings()
    {
        var instance = Assert.Single(Expand(Spec()).Instances);
        Assert.Equal(("bg", "wta"), (instance.Name, instance.Model.Name));
        Assert.Equal("bg.e", instance.Ports["in"]);
        Assert.Equal("bg.e", instance.Ports["out"]);
    }

    [Fact]
    public void TheOriginalSpec_IsLeftAlone()
    {
        var spec = Spec();
        Expand(spec);
        Assert.Single(spec.Circuits);
        Assert.Equal(2, spec.Populations.Count);
        Assert.Equal("bg.in", spec.Projections[0].Target);
    }

    [Fact]
    public void ASpecWithoutCircuits_ComesBackUnchanged()
    {
        var spec = new NetworkBuilder().Population("a", 1, "lif").Build();
        Assert.Same(spec, Expand(spec).Spec);
    }

    [Fact]
    public void ExpandedSpec_IsValid_AndCompiles()
    {
        Assert.Empty(new SpecValidator(TestComponents.Registry).Validate(Spec()));
        var network = TestComponents.Compile(Spec());
        Assert.Equal(["drive", "readout", "bg.e", "bg.i"], network.Populations.Select(p => p.Name));
        Assert.Empty(network.Spec.Circuits);
        // 12 one-to-one + 12·2 + 12·5 from the spec; 3·4·3 recurrent + 12·5 + 5·12 inside the circuit.
        Assert.Equal(12 + 24 + 60 + 36 + 60 + 60, network.SynapseCount);
        Assert.Equal(["exc", "rec", "wta_inh"], network.Populations[2].Receptors.Select(r => r.Port).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TwoInstances_DoNotClash()
    {
        var spec = new NetworkBuilder().Duration(Q.Ms(1))
            .Population("drive", 40, "lif")
            .Connect("drive", "left.in", new OneToOneConnector(), Q.NA(0.5))
            .Connect("drive", "right.in", new OneToOneConnector(), Q.NA(0.5))
            .Circuit("wta", "left")
            .Circuit("wta", "right")
            .Build();
        var network = TestComponents.Compile(spec);
        Assert.Equal(["drive", "left.e", "left.i", "right.e", "right.i"], network.Populations.Select(p => p.Name));
    }

    [Fact]
    public void JsonWithACircuit_ValidatesAndCompiles()
    {
        var spec = SpecJson.Parse("""
            {
              "simulation": { "dt": "0.1 ms", "duration": "5 ms" },
              "populations": [ { "name": "input", "size": 40, "model": "lif" } ],
              "projections": [ { "source": "input", "target": "bg.in", "connector": "one_to_one", "weight": "0.3 nA" } ],
              "stimuli": [ { "type": "poisson", "target": "bg.in", "rate": "100 Hz", "weight": "0.2 nA" } ],
              "probes": [ { "type": "spikes", "population": "bg.out" } ],
              "circuits": [ { "type": "wta", "name": "bg", "params": { "w_inh": "0.2 nA", "tau_syn": "3 ms" } } ]
            }
            """);
        var network = TestComponents.Compile(spec);
        Assert.Equal(40, network.Populations.Single(p => p.Name == "bg.e").Size);
        var recurrent = network.Populations.Single(p => p.Name == "bg.e").Receptors.Single(r => r.Port == "rec");
        Assert.Equal(3, recurrent.Parameters["tau_syn"], 12);
        Assert.NotNull(network.SpikeRecordMasks[network.Populations.Single(p => p.Name == "bg.e").Index]);
    }
}

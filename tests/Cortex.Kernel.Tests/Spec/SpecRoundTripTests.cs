using System.Text.Json;
using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Tests.Support;
using Cortex.Units;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Spec;

/// <summary>
/// The builder and the JSON reader/writer describe the same networks: writing, reading and writing
/// again gives the same text, and the builder's spec and the re-read spec compile to the same network.
/// </summary>
public sealed class SpecRoundTripTests
{
    private static Dictionary<string, Quantity> Map(params (string Key, Quantity Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    private static readonly SynapseSpec ExcCurrent = new() { Model = "exp_current", Port = "exc", Params = Map(("tau_syn", Q.Ms(5))) };
    private static readonly SynapseSpec InhCurrent = new() { Model = "exp_current", Port = "inh", Params = Map(("tau_syn", Q.Ms(10))) };
    private static readonly SynapseSpec Ampa = new() { Model = "exp_conductance", Port = "ampa", Params = Map(("tau_syn", Q.Ms(2)), ("e_rev", Q.MV(0))) };
    private static readonly SynapseSpec Jump = new() { Model = "delta", Port = "jump" };

    /// <summary>Every feature of the spec: all connectors, value kinds, stimuli, probes, plasticity and positions.</summary>
    internal static NetworkSpec Everything() => new NetworkBuilder("everything")
        .Dt(Q.Ms(0.1)).Duration(Q.Ms(50)).Seed(424242)
        .Population("exc", 40, "lif", p => p
            .Param("tau_m", "20 ms").Param("cm", Q.PF(250)).Param("v_reset", "-70 mV").Param("tau_refrac", Q.Ms(2))
            .Init("v", new UniformValue(Q.MV(-70), Q.MV(-55)))
            .RandomPositions(new Point3(0, 0, 0), new Point3(100, 200, 50)))
        .Population("inh", 10, "izhikevich", p => p
            .Param("a", Q.Number(0.1)).Param("d", "2")
            .Init("v", new NormalValue(Q.MV(-65), Q.MV(3), Q.MV(-75), Q.MV(-55)))
            .Init("u", Q.Number(-13))
            .PositionsAt([.. Enumerable.Range(0, 10).Select(i => new Point3(i, 2.5 * i, -0.125 * i))]))
        .Population("out", 40, "if", p => p.Param("v_thresh", "1 V"))
        .Connect("exc", "exc", new AllToAllConnector(AllowAutapses: false), Q.PA(10), Q.Ms(1.5), ExcCurrent)
        .Connect("exc", "out", new OneToOneConnector(), Q.MV(0.5), synapse: Jump,
            plasticity: new PlasticitySpec { Rule = "stdp", Params = Map(("a_plus", Q.Number(0.02)), ("w_max", Q.Number(2)), ("tau_plus", Q.Ms(15))) },
            projectionName: "plastic")
        .Connect("exc", "inh", new FixedProbabilityConnector(0.3), new NormalValue(Q.NS(2), Q.NS(0.5), Q.NS(0)),
            new UniformValue(Q.Ms(0.5), Q.Ms(2)), Ampa)
        .Connect("inh", "exc", new FixedInDegreeConnector(5, AllowMultapses: false), new UniformValue(Q.PA(-60), Q.PA(-20)), synapse: InhCurrent)
        .Connect("inh", "inh", new FixedOutDegreeConnector(3, AllowAutapses: false, AllowMultapses: false), Q.PA(-20), synapse: InhCurrent)
        .Connect("exc", "out", new ExplicitConnector([new(0, 1), new(2, 3, Q.MV(1.25)), new(4, 5, Q.MV(0.75), Q.Ms(3))]),
            Q.MV(0.25), synapse: Jump)
        .Dc("exc", Q.PA(150), indices: [0, 1, 2], start: Q.Ms(5), stop: Q.Ms(40))
        .Stimulate(new PoissonStimulus { Target = "inh", Rate = Q.Hz(800), Weight = Q.NS(1), Synapse = Ampa, Start = Q.Ms(1), Stop = Q.Ms(45) })
        .Stimulate(new SpikeTimesStimulus { Target = "out", Indices = [7, 8], Times = [Q.Ms(1), Q.Ms(12.5), Q.S(0.02)], Weight = Q.MV(2), Synapse = Jump })
        .RecordSpikes("exc")
        .RecordSpikes("inh", [0, 3])
        .RecordState("exc", "v", [0, 1], Q.Ms(1))
        .RecordState("inh", "u")
        .Build();

    [Fact]
    public void EverythingSpec_IsValid()
    {
        Assert.Empty(new SpecValidator(TestRuntime.Registry).Validate(Everything()));
    }

    [Fact]
    public void WriteParseWrite_GivesIdenticalText()
    {
        var first = SpecJson.Write(Everything());
        var second = SpecJson.Write(SpecJson.Parse(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void WrittenJson_CarriesEveryFeature()
    {
        // Guards against a writer that round-trips by dropping things on both passes.
        using var json = JsonDocument.Parse(SpecJson.Write(Everything()));
        var root = json.RootElement;
        Assert.Equal(
            ["all_to_all", "one_to_one", "fixed_probability", "fixed_indegree", "fixed_outdegree", "list"],
            root.GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("connector").GetProperty("type").GetString()));
        Assert.Equal(["dc", "poisson", "spike_times"], root.GetProperty("stimuli").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        Assert.Equal(["spikes", "spikes", "state", "state"], root.GetProperty("probes").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        var text = json.RootElement.GetRawText();
        foreach (var needle in new[] { "\"uniform\"", "\"normal\"", "\"plasticity\"", "\"box_min\"", "\"positions\"", "\"allow_multapses\"", "\"interval\"" })
            Assert.Contains(needle, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsedSpec_EqualsBuilderSpec()
    {
        var built = Everything();
        var parsed = SpecJson.Parse(SpecJson.Write(built));
        SpecAssert.Equal(built, parsed);
    }

    [Fact]
    public void BuilderSpecAndParsedSpec_CompileToTheSameNetwork()
    {
        var built = Everything();
        var fromBuilder = TestRuntime.Compile(built);
        var fromJson = TestRuntime.Compile(SpecJson.Parse(SpecJson.Write(built)));
        Assert.True(fromBuilder.SynapseCount > 0);
        CompiledAssert.SameNetwork(fromBuilder, fromJson);
    }

    [Fact]
    public void CubaExample_ParsesWritesAndReparsesIdentically()
    {
        var path = TestRuntime.DataFile("examples", "cuba.json");
        var original = SpecJson.Load(path);
        var written = SpecJson.Write(original);
        var reparsed = SpecJson.Parse(written);
        Assert.Equal(written, SpecJson.Write(reparsed));
        SpecAssert.Equal(original, reparsed);

        // The example says what it is; the reader must have kept it.
        Assert.Equal("cuba", original.Name);
        Assert.Equal([("exc", 3200), ("inh", 800)], original.Populations.Select(p => (p.Name, p.Size)));
        Assert.Equal(Q.Ms(0.1), original.Simulation.Dt);
        Assert.Equal(Q.Ms(1000), original.Simulation.Duration);
        Assert.All(original.Projections, p => Assert.Equal(new FixedProbabilityConnector(0.02), p.Connector));
        Assert.Equal(Q.PA(16.2).Value, ((ConstantValue)original.Projections[0].Weight).Value.Value, 15);

        CompiledAssert.SameNetwork(TestRuntime.Compile(original), TestRuntime.Compile(reparsed));
    }
}

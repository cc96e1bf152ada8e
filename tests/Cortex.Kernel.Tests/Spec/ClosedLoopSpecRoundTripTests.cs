using System.Text.Json;
using Cortex.Spec;
using Cortex.Tests.Circuits;
using Cortex.Tests.Support;
using Cortex.Units;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Spec;

/// <summary>
/// The sections added for the closed loop (per-neuron parameters, receptor initial state, neuromodulators, circuits)
/// read, write and build the same way: the builder and hand-written JSON give equal specs, and writing round-trips.
/// </summary>
public sealed class ClosedLoopSpecRoundTripTests
{
    private static readonly SynapseSpec Ampa = new()
    {
        Model = "exp_conductance", Port = "ampa", Params = new Dictionary<string, Quantity> { ["tau_syn"] = Q.Ms(2) },
    };

    private static NetworkSpec Built() => new NetworkBuilder("closed-loop")
        .Dt(Q.Ms(0.1)).Duration(Q.Ms(20)).Seed(11)
        .Population("a", 50, "lif", p => p
            .Param("tau_m", new UniformValue(Q.Ms(10), Q.Ms(30)))
            .Param("v_thresh", new NormalValue(Q.MV(-50), Q.MV(1), Q.MV(-53), Q.MV(-47)))
            .Param("cm", Q.PF(200))
            .Param("v_reset", "-70 mV")
            .Init("ampa.g", new UniformValue(Q.NS(0), Q.NS(5)))
            .Init("v", Q.MV(-60)))
        .Population("drive", 5, "if")
        .Connect("drive", "a", new AllToAllConnector(), Q.NS(1), synapse: Ampa)
        .Connect("drive", "bg.in", new AllToAllConnector(), Q.NA(0.1))
        .Neuromodulator("dopamine", baseline: 0.25, tau: Q.Ms(200))
        .Neuromodulator("serotonin")
        .Circuit("wta", "bg", c => c.Param("groups", 3).Param("w_exc", "0.1 nA").Param("tau_syn", Q.Ms(4)))
        .RecordSpikes("bg.out")
        .Build();

    private const string HandWritten = """
        {
          "name": "closed-loop",
          "simulation": { "dt": "0.1 ms", "duration": "20 ms", "seed": 11 },
          "populations": [
            { "name": "a", "size": 50, "model": "lif",
              "params": {
                "tau_m": { "dist": "uniform", "low": "10 ms", "high": "30 ms" },
                "v_thresh": { "dist": "normal", "mean": "-50 mV", "std": "1 mV", "min": "-53 mV", "max": "-47 mV" },
                "cm": "200 pF",
                "v_reset": "-70 mV"
              },
              "initial": { "ampa.g": { "dist": "uniform", "low": "0 nS", "high": "5 nS" }, "v": "-60 mV" } },
            { "name": "drive", "size": 5, "model": "if" }
          ],
          "projections": [
            { "source": "drive", "target": "a", "connector": "all_to_all", "weight": "1 nS",
              "synapse": { "model": "exp_conductance", "port": "ampa", "params": { "tau_syn": "2 ms" } } },
            { "source": "drive", "target": "bg.in", "connector": "all_to_all", "weight": "0.1 nA" }
          ],
          "probes": [ { "type": "spikes", "population": "bg.out" } ],
          "neuromodulators": [
            { "name": "dopamine", "baseline": 0.25, "tau": "200 ms" },
            { "name": "serotonin" }
          ],
          "circuits": [
            { "type": "wta", "name": "bg", "params": { "groups": 3, "w_exc": "0.1 nA", "tau_syn": "4 ms" } }
          ]
        }
        """;

    [Fact]
    public void HandWrittenJson_EqualsTheBuildersSpec()
    {
        SpecAssert.Equal(Built(), SpecJson.Parse(HandWritten));
    }

    [Fact]
    public void WriteParseWrite_GivesIdenticalText_AndAnEqualSpec()
    {
        var first = SpecJson.Write(Built());
        var parsed = SpecJson.Parse(first);
        Assert.Equal(first, SpecJson.Write(parsed));
        SpecAssert.Equal(Built(), parsed);
    }

    [Fact]
    public void WrittenJson_CarriesTheNewSections_Unexpanded()
    {
        using var json = JsonDocument.Parse(SpecJson.Write(Built()));
        var root = json.RootElement;
        var a = root.GetProperty("populations")[0];
        Assert.Equal("uniform", a.GetProperty("params").GetProperty("tau_m").GetProperty("dist").GetString());
        Assert.Equal("normal", a.GetProperty("params").GetProperty("v_thresh").GetProperty("dist").GetString());
        Assert.Equal("-70 mV", a.GetProperty("params").GetProperty("v_reset").GetString());
        Assert.Equal("uniform", a.GetProperty("initial").GetProperty("ampa.g").GetProperty("dist").GetString());

        var modulators = root.GetProperty("neuromodulators");
        Assert.Equal(2, modulators.GetArrayLength());
        Assert.Equal(("dopamine", 0.25, "200 ms"),
            (modulators[0].GetProperty("name").GetString(), modulators[0].GetProperty("baseline").GetDouble(), modulators[0].GetProperty("tau").GetString()));
        Assert.False(modulators[1].TryGetProperty("tau", out _));

        var circuit = Assert.Single(root.GetProperty("circuits").EnumerateArray());
        Assert.Equal(("wta", "bg"), (circuit.GetProperty("type").GetString(), circuit.GetProperty("name").GetString()));
        Assert.Equal(3, circuit.GetProperty("params").GetProperty("groups").GetDouble());
        Assert.Equal("0.1 nA", circuit.GetProperty("params").GetProperty("w_exc").GetString());
        // Written as the user wrote it: the circuit's populations are not in the file, the port reference is kept.
        Assert.Equal(["a", "drive"], root.GetProperty("populations").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("bg.in", root.GetProperty("projections")[1].GetProperty("target").GetString());
    }

    [Fact]
    public void SpecWithoutTheNewSections_WritesNoEmptySections()
    {
        var text = SpecJson.Write(new NetworkBuilder().Population("a", 1, "lif").Build());
        Assert.DoesNotContain("neuromodulators", text, StringComparison.Ordinal);
        Assert.DoesNotContain("circuits", text, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltSpec_IsValid()
    {
        Assert.Empty(new SpecValidator(TestComponents.Registry).Validate(Built()));
    }

    [Fact]
    public void BuilderAndJson_CompileToTheSameNetwork()
    {
        var fromBuilder = TestComponents.Compile(Built());
        var fromJson = TestComponents.Compile(SpecJson.Parse(HandWritten));
        CompiledAssert.SameNetwork(fromBuilder, fromJson);
        Assert.Equal(fromBuilder.Populations[0].PerNeuronParameters["tau_m"], fromJson.Populations[0].PerNeuronParameters["tau_m"]);
        Assert.Equal(fromBuilder.Neuromodulators, fromJson.Neuromodulators);
    }

    [Theory]
    [InlineData("""{ "neuromodulators": [ { "name": "da", "baseline": "1 mV" } ] }""", "neuromodulators[0].baseline")]
    [InlineData("""{ "neuromodulators": [ { "name": "da", "tua": "1 ms" } ] }""", "neuromodulators[0].tua")]
    [InlineData("""{ "neuromodulators": [ { "baseline": 0 } ] }""", "neuromodulators[0].name")]
    [InlineData("""{ "circuits": [ { "type": "wta", "name": "bg", "parms": {} } ] }""", "circuits[0].parms")]
    [InlineData("""{ "circuits": [ { "name": "bg" } ] }""", "circuits[0].type")]
    [InlineData("""{ "circuits": [ { "type": "wta", "name": "bg", "params": { "w_exc": "1 parsec" } } ] }""", "circuits[0].params.w_exc")]
    [InlineData("""{ "circuits": {} }""", "circuits")]
    public void StructuralProblemsInTheNewSections_NameTheirPath(string json, string path)
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecJson.Parse(json));
        Assert.Equal(path, Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void MisspeltSectionName_SuggestsTheRightOne()
    {
        var e = Assert.Throws<SpecValidationException>(() => SpecJson.Parse("""{ "circuit": [] }"""));
        var error = Assert.Single(e.Errors);
        Assert.Equal("circuit", error.Path);
        Assert.Contains("did you mean 'circuits'?", error.Message, StringComparison.Ordinal);
    }
}

using Cortex.Compilation;
using Cortex.Spec;
using Cortex.Validation;
using Xunit;

namespace Cortex.Tests.Circuits;

/// <summary>Every problem with a circuit instance or a reference to it is one line at its JSON path, with "did you mean".</summary>
public sealed class CircuitErrorTests
{
    private static IReadOnlyList<SpecError> Errors(string json) =>
        new SpecValidator(TestComponents.WithTestComponents).Validate(SpecJson.Parse(json));

    private static SpecError Single(string json) => Assert.Single(Errors(json));

    // A population "src" projecting into the first circuit's input; cases splice circuits and more projections in.
    private static string Spec(string circuits, string projections = "", string target = "bg.in", string populations = "") => $$"""
        {
          "simulation": { "dt": "0.1 ms", "duration": "5 ms" },
          "populations": [ { "name": "src", "size": 4, "model": "lif" }{{populations}} ],
          "projections": [
            { "source": "src", "target": "{{target}}", "connector": "all_to_all", "weight": "0.1 nA" }{{projections}}
          ],
          "circuits": [ {{circuits}} ]
        }
        """;

    private const string Wta = """{ "type": "wta", "name": "bg" }""";

    [Fact]
    public void TheBaseSpec_IsValid()
    {
        Assert.Empty(Errors(Spec(Wta)));
    }

    [Fact]
    public void UnknownCircuitType_SaysDidYouMean_AndNothingElse()
    {
        // The reference to bg.in is not reported again: the instance's own error covers it.
        var error = Single(Spec("""{ "type": "wtaa", "name": "bg" }"""));
        Assert.Equal("circuits[0].type", error.Path);
        Assert.StartsWith("unknown circuit 'wtaa' (did you mean 'wta'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("wta", error.Message.Split("(available: ")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPort_SaysDidYouMean()
    {
        var error = Single(Spec(Wta, """, { "source": "src", "target": "bg.ot", "connector": "all_to_all", "weight": "0.1 nA" }"""));
        Assert.Equal("projections[1].target: circuit 'bg' has no port 'ot' (did you mean 'out'?) (ports: in, out)", error.ToString());
    }

    [Fact]
    public void UnknownPortInAProbeOrStimulus_IsReportedThere()
    {
        var errors = Errors(Spec(Wta).Replace("\"circuits\"", """
            "stimuli": [ { "type": "dc", "target": "bg.inn", "amplitude": "1 nA" } ],
            "probes": [ { "type": "spikes", "population": "bg.oot" } ],
            "circuits"
            """, StringComparison.Ordinal));
        Assert.Equal(
            ["stimuli[0].target: circuit 'bg' has no port 'inn' (did you mean 'in'?) (ports: in, out)",
             "probes[0].population: circuit 'bg' has no port 'oot' (did you mean 'out'?) (ports: in, out)"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void BareInstanceName_AsksForAPort()
    {
        var error = Single(Spec(Wta, target: "bg"));
        Assert.Equal("projections[0].target", error.Path);
        Assert.Contains("'bg' is a circuit", error.Message, StringComparison.Ordinal);
        Assert.Contains("bg.in, bg.out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InputPortAsAProjectionSource_IsRejected()
    {
        var error = Single(Spec(Wta, """, { "source": "bg.in", "target": "src", "connector": "all_to_all", "weight": "0.1 nA" }"""));
        Assert.Equal("projections[1].source", error.Path);
        Assert.Contains("port 'in' of circuit 'bg' is an input", error.Message, StringComparison.Ordinal);
        Assert.Contains("(outputs: out)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateInstanceName_IsRejected()
    {
        var error = Single(Spec($"{Wta}, {Wta}"));
        Assert.Equal("circuits[1].name: 'bg' is already the name of circuits[0]", error.ToString());
    }

    [Fact]
    public void InstanceNamedLikeAPopulation_IsRejected()
    {
        var error = Single(Spec(Wta + """, { "type": "wta", "name": "src" }"""));
        Assert.Equal("circuits[1].name", error.Path);
        Assert.Contains("'src' is already the name of a population (populations[0])", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InstanceNameThatIsNotAnIdentifier_IsRejected()
    {
        var error = Single(Spec("""{ "type": "wta", "name": "b.g" }""", target: "src"));
        Assert.Equal("circuits[0].name: must be an identifier (letters, digits and '_', not starting with a digit), got 'b.g'", error.ToString());
    }

    [Fact]
    public void UnknownCircuitParameter_SaysDidYouMean()
    {
        var error = Single(Spec("""{ "type": "wta", "name": "bg", "params": { "w_exx": "1 nA" } }"""));
        Assert.Equal("circuits[0].params.w_exx", error.Path);
        Assert.Contains("unknown parameter (did you mean 'w_exc'?)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"groups\": 0", "circuits[0].params.groups: must be > 0, got 0")]
    [InlineData("\"w_inh\": \"-1 nA\"", "circuits[0].params.w_inh: must be >= 0, got -1 nA")]
    [InlineData("\"w_exc\": \"1 ms\"", "circuits[0].params.w_exc: expected a current such as '0.5 nA', got 1 ms (a time)")]
    public void CircuitParameterBreakingItsRule_IsRejected(string parameter, string expected)
    {
        var errors = Errors(Spec($$"""{ "type": "wta", "name": "bg", "params": { {{parameter}} } }"""));
        Assert.Equal(expected.Split(':')[0], Assert.Single(errors).Path);
        Assert.Equal(expected, errors[0].ToString());
    }

    [Fact]
    public void CircuitsOwnCheck_IsApplied()
    {
        var error = Single(Spec("""{ "type": "wta", "name": "bg", "params": { "group_size": 2.5 } }"""));
        Assert.Equal("circuits[0].params.group_size", error.Path);
        Assert.Contains("whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CircuitThatThrows_IsReportedWithTypeAndInstance()
    {
        var error = Single(Spec("""{ "type": "exploding", "name": "bg" }""", target: "src"));
        Assert.Equal("circuits[0]: circuit 'exploding' failed to build: boom", error.ToString());
    }

    [Fact]
    public void CircuitThatLeavesAPortUnbound_FailsToBuild()
    {
        var error = Single(Spec("""{ "type": "forgetful", "name": "bg" }"""));
        Assert.Equal("circuits[0]", error.Path);
        Assert.Equal("circuit 'forgetful' failed to build: port 'out' is not bound to a population", error.Message);
    }

    [Fact]
    public void ProblemInsideABuiltPopulation_PointsAtTheCircuit()
    {
        // relay's tau becomes the τ_m of its population r.p; -1 ms breaks LIF's rule.
        var error = Single(Spec("""{ "type": "relay", "name": "r", "params": { "tau": "-1 ms" } }""", target: "r.in"));
        Assert.Equal("circuits[0].populations[0].params.tau_m", error.Path);
        Assert.StartsWith("must be > 0, got -1 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("'r.p'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'relay'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltPopulationClashingWithASpecPopulation_IsReported()
    {
        var error = Single(Spec("""{ "type": "relay", "name": "r" }""", target: "r.in", populations: """, { "name": "r.p", "size": 1, "model": "lif" }"""));
        Assert.Equal("circuits[0].populations[0].name", error.Path);
        Assert.Contains("'r.p' is already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompilingABadCircuit_ThrowsWithEveryProblem()
    {
        var spec = SpecJson.Parse(Spec("""{ "type": "wtaa", "name": "bg" }, { "type": "wta", "name": "bg2", "params": { "groups": -1 } }"""));
        var e = Assert.Throws<SpecValidationException>(() => new NetworkCompiler(TestComponents.WithTestComponents).Compile(spec, source: "c.json"));
        Assert.Equal(["circuits[0].type", "circuits[1].params.groups"], e.Errors.Select(x => x.Path));
        Assert.StartsWith("c.json has 2 errors", e.Message, StringComparison.Ordinal);
    }
}

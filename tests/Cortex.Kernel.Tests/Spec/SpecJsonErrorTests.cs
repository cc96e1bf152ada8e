using Cortex.Spec;
using Xunit;

namespace Cortex.Tests.Spec;

/// <summary>Structural problems the JSON reader reports: where (path or line:column) and why.</summary>
public sealed class SpecJsonErrorTests
{
    private static SpecValidationException ReadFails(string json) => Assert.Throws<SpecValidationException>(() => SpecJson.Parse(json, "test.json"));

    private static SpecError Single(string json) => Assert.Single(ReadFails(json).Errors);

    [Fact]
    public void MalformedJson_GivesLineAndColumn()
    {
        // Line 3 holds the error: the value of "size" is missing; the stray comma is the 12th character.
        const string json = "{\n  \"populations\": [\n  {\"size\": , \"name\": \"a\"}\n  ]\n}";
        var e = Assert.Throws<SpecFormatException>(() => SpecJson.Parse(json, "broken.json"));
        Assert.StartsWith("broken.json:3:12: malformed JSON", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": \"x\"")]
    [InlineData("{ \"name\": 'x' }")]
    [InlineData("[1, 2")]
    [InlineData("")]
    public void MalformedJson_AlwaysSpecFormatExceptionWithPosition(string json)
    {
        var e = Assert.Throws<SpecFormatException>(() => SpecJson.Parse(json, "bad.json"));
        Assert.Matches(@"^bad\.json:\d+:\d+: malformed JSON", e.Message);
    }

    [Fact]
    public void CommentsAndTrailingCommas_AreAccepted()
    {
        var spec = SpecJson.Parse("""
            {
              // a comment
              "name": "c", /* another */
              "populations": [ { "name": "a", "size": 2, "model": "lif", }, ],
            }
            """);
        Assert.Equal("c", spec.Name);
        Assert.Equal("a", Assert.Single(spec.Populations).Name);
    }

    [Fact]
    public void UnknownField_SaysDidYouMean()
    {
        var error = Single("""{ "populations": [ { "name": "a", "size": 2, "model": "lif", "parms": { "tau_m": "10 ms" } } ] }""");
        Assert.Equal("populations[0].parms", error.Path);
        Assert.Contains("unknown field", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'params'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTopLevelField_NamesItWithoutPathPrefix()
    {
        var error = Single("""{ "simulaton": { "dt": "0.1 ms" } }""");
        Assert.Equal("simulaton", error.Path);
        Assert.Contains("did you mean 'simulation'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownUnit_NamesTheUnitAndPath()
    {
        var error = Single("""{ "populations": [ { "name": "a", "size": 2, "model": "lif", "params": { "tau_m": "20 parsec" } } ] }""");
        Assert.Equal("populations[0].params.tau_m", error.Path);
        Assert.Contains("unknown unit 'parsec'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberTooLargeForADouble_IsNotTakenAsInfinity()
    {
        var error = Single("""
            { "populations": [ { "name": "a", "size": 2, "model": "lif" } ],
              "projections": [ { "source": "a", "target": "a", "connector": "all_to_all", "weight": "1 pA", "plasticity": { "rule": "stdp", "params": { "a_plus": 1e400 } } } ] }
            """);
        Assert.Equal("projections[0].plasticity.params.a_plus", error.Path);
        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongJsonType_SaysWhatWasExpected()
    {
        var error = Single("""{ "populations": [ { "name": "a", "size": "ten", "model": "lif" } ] }""");
        Assert.Equal("populations[0].size", error.Path);
        Assert.Contains("must be a whole number, got 'ten'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredField_IsNamed()
    {
        var error = Single("""{ "populations": [ { "name": "a", "model": "lif" } ] }""");
        Assert.Equal("populations[0].size", error.Path);
        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void UnknownConnectorStimulusProbeAndDistribution_ListTheAvailableOnes()
    {
        var e = ReadFails("""
            {
              "populations": [ { "name": "a", "size": 2, "model": "lif", "initial": { "v": { "dist": "gamma" } } } ],
              "projections": [ { "source": "a", "target": "a", "connector": { "type": "small_world" }, "weight": "1 pA" } ],
              "stimuli": [ { "type": "ramp", "target": "a" } ],
              "probes": [ { "type": "voltage", "population": "a" } ]
            }
            """);
        Assert.Equal(4, e.Errors.Count);
        Assert.Contains(e.Errors, x => x.Path == "populations[0].initial.v.dist" && x.Message.Contains("available: uniform, normal", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "projections[0].connector.type" && x.Message.Contains("fixed_indegree", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "stimuli[0].type" && x.Message.Contains("available: dc, poisson, spike_times", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "probes[0].type" && x.Message.Contains("available: spikes, state", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralStructuralProblems_AreAllReportedAtOnce()
    {
        var e = ReadFails("""
            {
              "simulation": { "dt": "0.1 ms", "seed": -3 },
              "populations": [
                { "name": "a", "size": 2.5, "model": "lif" },
                { "name": "b", "size": 2, "model": "lif", "positions": [[0, 0]] }
              ],
              "projections": [ { "source": "a", "target": "b", "connector": { "type": "fixed_probability" }, "weight": "1 pA", "delay": "1 ms", "extra": 1 } ]
            }
            """);
        Assert.Equal(
            ["simulation.seed", "populations[0].size", "populations[1].positions[0]", "projections[0].extra", "projections[0].connector.p"],
            e.Errors.Select(x => x.Path));
        Assert.StartsWith("test.json has 5 errors:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_IsFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cortex-no-such-{Guid.NewGuid():N}.json");
        var e = Assert.Throws<FileNotFoundException>(() => SpecJson.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}

using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// Findings of a bad-input campaign run as a hostile user would: each spec once crashed (exit 70), hung or ran on
/// nonsense. Now <c>validate</c> and <c>run</c> both refuse it with one <c>error:</c> line naming the JSON path and
/// exit code 2, and <c>run</c> creates no output.
/// </summary>
public sealed class HostileSpecTests
{
    private static string Spec(string population = """{ "name": "a", "size": 3, "model": "lif" }""", string projections = "", string stimuli = "", string probes = "") => $$"""
        {
          "name": "hostile",
          "simulation": { "dt": "0.1 ms", "duration": "20 ms", "seed": 1 },
          "populations": [ {{population}} ],
          "projections": [ {{projections}} ],
          "stimuli": [ {{stimuli}} ],
          "probes": [ {{probes}} ]
        }
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        // Units that overflow once scaled to the internal unit used to pass as +∞ and spin or run.
        { "rate overflow", Spec(stimuli: """{ "type": "poisson", "target": "a", "rate": "1e308 kHz", "weight": "1 pA" }"""), "stimuli[0].rate: '1e308 kHz' is out of range" },
        { "capacitance overflow", Spec("""{ "name": "a", "size": 3, "model": "lif", "params": { "cm": "1e308 F" } }"""), "populations[0].params.cm: '1e308 F' is out of range" },
        { "time constant overflow", Spec(stimuli: """{ "type": "poisson", "target": "a", "rate": "10 Hz", "weight": "1 pA", "synapse": { "model": "exp_current", "params": { "tau_syn": "1e308 s" } } }"""), "tau_syn: '1e308 s' is out of range" },
        // Finite but absurd: a step would draw 1e296 events per neuron.
        { "absurd rate", Spec(stimuli: """{ "type": "poisson", "target": "a", "rate": "1e300 Hz", "weight": "1 pA" }"""), "stimuli[0].rate: gives 1E+296 events per step" },
        { "delay past 16 bits", Spec(projections: """{ "source": "a", "target": "a", "connector": "all_to_all", "weight": "1 pA", "delay": "1e7 ms" }"""), "projections[0].delay: must be at most 65535 steps" },
        { "k at int.MaxValue", Spec(projections: """{ "source": "a", "target": "a", "connector": { "type": "fixed_indegree", "k": 2147483647, "allow_multapses": true }, "weight": "1 pA" }"""), "projections[0].connector: would create about 6.44E+09 synapses" },
        { "null index", Spec(probes: """{ "type": "state", "population": "a", "variable": "v", "indices": [null] }"""), "probes[0].indices[0]: must be a whole number (a neuron index), got null" },
        { "lone surrogate", Spec("""{ "name": "a\ud800", "size": 3, "model": "lif" }"""), "populations[0].name: holds an invalid string" },
        { "2^31 - 1 neurons", Spec("""{ "name": "a", "size": 2147483647, "model": "lif" }"""), "populations: the network needs about" },
        { "1e10 neurons", Spec("""{ "name": "a", "size": 1e10, "model": "lif" }"""), "populations[0].size: must be at most 2,147,483,647" },
        // Found by the property campaign (Campaign/SpecCampaignTests): a duration under half a step ran no step and
        // crashed writing summary.json with an infinite rate (exit 70).
        { "duration under one step", Spec().Replace("\"20 ms\"", "\"1e-320 ms\"", StringComparison.Ordinal), "simulation.duration: must be at least one time step (0.1 ms), got 1E-320 ms" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsRefusedWithOneErrorLineNamingThePath(string what, string json, string message)
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        File.WriteAllText(spec, json);
        foreach (var command in new[] { "validate", "run" })
        {
            var result = command == "run" ? Cli.Run("run", spec, "--out", dir.File("out"), "--no-plot") : Cli.Run("validate", spec);
            Assert.True(result.ExitCode == ExitCodes.BadInput, $"{what}, {command}: {result}");
            Assert.Contains(message, result.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", result.Err, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(dir.File("out")), $"{what}: run created output for a refused spec");
    }

    /// <summary>
    /// Found by the property campaign: a spec whose populations are a million numbers printed a million error lines
    /// (11 s, 1 GB of heap). The list stops after <see cref="Cortex.Spec.SpecValidationException.MaxListed"/> problems.
    /// </summary>
    [Fact]
    public void AMillionProblems_AreCountedButListedOnlyInPart()
    {
        using var dir = new TempDirectory();
        var spec = dir.Write("spec.json", $$"""{ "populations": [ {{string.Join(", ", Enumerable.Range(0, 1_000_000))}} ] }""");
        var result = Cli.Run("validate", spec);
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString()[..Math.Min(2000, result.ToString().Length)]);
        Assert.Contains("has 1,000,000 errors:", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("populations[49]: must be an object", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("populations[50]:", result.Err, StringComparison.Ordinal);
        Assert.Contains("… and 999,950 more", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void DurationOption_DoesNotStandInForAnInvalidDuration()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        File.WriteAllText(spec, Spec().Replace("\"duration\": \"20 ms\"", "\"duration\": \"-5 ms\"", StringComparison.Ordinal));
        var validate = Cli.Run("validate", spec);
        var run = Cli.Run("run", spec, "--duration", "10 ms", "--out", dir.File("out"), "--no-plot");
        Assert.Equal(ExitCodes.BadInput, validate.ExitCode);
        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Contains("simulation.duration: must be > 0, got -5 ms", run.Err, StringComparison.Ordinal);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public void MarkupInNames_IsPrintedAsWritten()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        File.WriteAllText(spec, Spec(
            """{ "name": "[red]", "size": 3, "model": "lif" }, { "name": "[bold]x[/]", "size": 2, "model": "lif" }""",
            stimuli: """{ "type": "dc", "target": "[red]", "amplitude": "0.5 nA" }"""));
        var result = Cli.Run("run", spec, "--out", dir.File("out"), "--no-plot");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("[red]", result.Out, StringComparison.Ordinal);
        Assert.Contains("[bold]x[/]", result.Out, StringComparison.Ordinal);
    }
}

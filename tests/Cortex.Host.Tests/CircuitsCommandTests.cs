using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary><c>cortex circuits</c>, and <c>validate</c> / <c>run</c> on specs that instantiate a circuit.</summary>
public sealed class CircuitsCommandTests
{
    private static string WtaSpec(string target = "bg.in") => $$"""
        {
          "name": "wta-demo",
          "simulation": { "dt": "0.1 ms", "duration": "50 ms", "seed": 2 },
          "populations": [ { "name": "input", "size": 40, "model": "lif", "params": { "i_offset": "0.5 nA" } } ],
          "projections": [ { "source": "input", "target": "{{target}}", "connector": "one_to_one", "weight": "0.5 nA" } ],
          "probes": [ { "type": "spikes", "population": "bg.out" } ],
          "circuits": [ { "type": "wta", "name": "bg", "params": { "groups": 2, "group_size": 20 } } ]
        }
        """;

    [Fact]
    public void Circuits_ListsWtaWithPortsAndParameters()
    {
        var result = Cli.Run("circuits");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var lines = result.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("circuit wta: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  port in (input): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  port out (output): ", StringComparison.Ordinal));
        foreach (var parameter in new[] { "groups", "group_size", "w_exc", "w_inh", "tau_syn" })
            Assert.Contains(parameter, result.Out, StringComparison.Ordinal);
        // Defaults come with their units, and the circuit names the paper it follows.
        Assert.Contains("5 ms", result.Out, StringComparison.Ordinal);
        Assert.Contains("  after: Coultrip, Granger & Lynch (1992)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsASpecWithACircuit()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("wta.json", WtaSpec());
        var result = Cli.Run("validate", path);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"{path}: valid", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsABadPortWithDidYouMean()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("validate", dir.Write("wta.json", WtaSpec(target: "bg.inn")));
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains("projections[0].target: circuit 'bg' has no port 'inn' (did you mean 'in'?)", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SimulatesTheExpandedCircuit()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");
        var result = Cli.Run("run", dir.Write("wta.json", WtaSpec()), "--backend", "reference", "--out", outDir, "--no-plot");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var populations = summary.RootElement.GetProperty("populations").EnumerateArray().ToList();
        Assert.Equal(["input", "bg.e", "bg.i"], populations.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([40, 40, 10], populations.Select(p => p.GetProperty("size").GetInt32()));
        // 40 one-to-one, 2·20·19 recurrent, 40·10 each way through the inhibitory pool.
        Assert.Equal(40 + 760 + 400 + 400, summary.RootElement.GetProperty("synapses").GetInt64());
        Assert.True(populations[1].GetProperty("spikes").GetInt64() > 0, "the circuit's excitatory population did not fire");
    }
}

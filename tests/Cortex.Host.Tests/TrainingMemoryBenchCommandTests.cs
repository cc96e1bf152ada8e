using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex bench train-memory</c>: a few steps on a generated graph (no dataset to install), the samples it writes,
/// and one-line errors naming the option or the config file.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class TrainingMemoryBenchCommandTests
{
    private const string Config = """
        {"data": {"dataset":"graph","seed":0,"graph":{"source":"sbm","classes":3,"nodes_per_class":30,"features":30,"train_per_class":8}},
         "model": {"input_shape":[30],"steps":4,"encoder":{"type":"direct"},"layers":[{"type":"linear","out":16},{"type":"lif","tau":2},{"type":"linear","out":3}]},
         "train": {"epochs":1,"batch_size":8,"optimizer":{"type":"adam","lr":0.01},"seed":3,"threads":1}}
        """;

    [Fact]
    public void TheBench_WritesOneSamplePerStep_WithTheSameLiveTensorsFromTheSecondStepOn()
    {
        using var dir = new TempDirectory();
        var json = dir.File("memory.json");
        // 24 training nodes in batches of 8: 5 steps run into a second pass over the data.
        var result = Cli.Run("bench", "train-memory", dir.Write("graph.json", Config), "--steps", "5", "--out", json);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("resident MiB", result.Out, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var samples = report.RootElement.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], samples.Select(s => s.GetProperty("step").GetInt32()));
        Assert.All(samples, s => Assert.True(s.GetProperty("resident_mib").GetDouble() > 0, result.ToString()));
        var live = samples.Select(s => s.GetProperty("live_tensors").GetInt64()).ToList();
        Assert.All(live.Skip(2), count => Assert.Equal(live[1], count));
    }

    [Fact]
    public void TheBench_StoppedAfterItsFirstStep_EndsWithOneStoppedLine_AndWritesNoPartialFile()
    {
        using var dir = new TempDirectory();
        var json = dir.File("memory.json");
        using var signals = new StringWriter();
        using var interruption = new Interruption(signals);
        // The first step's row starts with its number (SignalOnLine ignores the alignment's leading spaces).
        using var output = new SignalOnLine(interruption, "1  ");

        var result = Cli.Run(interruption, output, "bench", "train-memory", dir.Write("graph.json", Config), "--steps", "5", "--out", json);

        Assert.True(output.Signalled, result.ToString());
        Assert.True(result.ExitCode == ExitCodes.Interrupted, result.ToString());
        Assert.DoesNotContain("\n   2  ", result.Out, StringComparison.Ordinal);
        var stop = Assert.Single(result.Err.Split('\n'), l => l.StartsWith("stopped:", StringComparison.Ordinal));
        Assert.Contains("train-memory benchmark was stopped", stop, StringComparison.Ordinal);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void ZeroSteps_IsOneErrorLineNamingTheOption()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("bench", "train-memory", dir.Write("graph.json", Config), "--steps", "0");
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Equal("error: --steps must be >= 1, got 0", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void AModelError_IsOneErrorLineNamingTheFile()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("bad.json", Config.Replace("""{"type":"lif","tau":2}""", """{"type":"lif","tau":-2}""", StringComparison.Ordinal));
        var result = Cli.Run("bench", "train-memory", config, "--steps", "2");
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.StartsWith($"error: {config}: model.layers[1]", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex bench sparse-backward</c>: both arms trained side by side on a generated graph (no dataset to install),
/// the JSON it writes, and one-line errors naming the config file or the option.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class SparseBackwardBenchCommandTests
{
    internal const string SparseConfig = """
        {"data": {"dataset":"graph","seed":0,"graph":{"source":"sbm","classes":3,"nodes_per_class":30,"features":30,"train_per_class":8}},
         "model": {"input_shape":[30],"steps":4,"encoder":{"type":"direct"},"layers":[{"type":"linear","out":16},
           {"type":"lif","reset":"subtract","detach_reset":true,"sparse_backward":{"band":0.5}},{"type":"linear","out":3}]},
         "train": {"epochs":1,"batch_size":8,"optimizer":{"type":"adam","lr":0.01},"seed":3,"threads":1}}
        """;

    [Fact]
    public void TheBench_TrainsBothArms_AndWritesTheirTimesAndTheActiveFraction()
    {
        using var dir = new TempDirectory();
        var json = dir.File("bench.json");
        var result = Cli.Run("bench", "sparse-backward", dir.Write("sparse.json", SparseConfig), "--out", json);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("backward speed-up dense / sparse", result.Out, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var run = report.RootElement.GetProperty("result");
        var active = run.GetProperty("active_fraction").GetDouble();
        Assert.InRange(active, 0.0, 1.0);
        Assert.True(run.GetProperty("sparse").GetProperty("median_backward_ms").GetDouble() > 0, result.ToString());
        Assert.True(run.GetProperty("dense").GetProperty("median_backward_ms").GetDouble() > 0, result.ToString());
    }

    [Fact]
    public void AConfigWithoutSparseBackward_IsOneErrorLineNamingTheFile()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("dense.json", SparseConfig.Replace(""","sparse_backward":{"band":0.5}""", "", StringComparison.Ordinal));
        var result = Cli.Run("bench", "sparse-backward", config);
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {config}: model.layers: no neuron layer has \"sparse_backward\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputPathThatCannotBeWritten_IsRefusedBeforeTraining()
    {
        using var dir = new TempDirectory();
        var blocker = dir.Write("not-a-folder", "a file where the output's folder should be");
        var json = Path.Combine(blocker, "bench.json");
        var result = Cli.Run("bench", "sparse-backward", dir.Write("sparse.json", SparseConfig), "--out", json);
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: --out: cannot write {json} (", error, StringComparison.Ordinal);
        Assert.DoesNotContain("sparse and dense", result.Out, StringComparison.Ordinal);
    }
}

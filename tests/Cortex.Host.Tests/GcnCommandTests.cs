using System.Text.Json;
using Xunit;

namespace Cortex.Host.Tests;

/// <summary>
/// <c>cortex gcn</c>: the GCN baseline on a SpikingGCN config's generated graph (no dataset to install), its
/// gcn.json, and one-line errors for a config that names no graph.
/// </summary>
[Collection(TrainingRunsCollectionDefinition.Name)]
public sealed class GcnCommandTests
{
    internal const string GraphConfig = """
        {"data": {"dataset":"graph","seed":0,"graph":{"source":"sbm","classes":3,"nodes_per_class":30,"features":30,"train_per_class":8}},
         "model": {"input_shape":[30],"steps":4,"encoder":{"type":"poisson"},"layers":[{"type":"linear","out":16},{"type":"lif"},{"type":"linear","out":3}]},
         "train": {"epochs":2,"batch_size":8,"optimizer":{"type":"adam","lr":0.01},"seed":3,"threads":1}}
        """;

    [Fact]
    public void Gcn_TrainsOnTheConfigsNodes_AndWritesGcnJson()
    {
        using var dir = new TempDirectory();
        var result = Cli.Run("gcn", dir.Write("sbm.json", GraphConfig), "--out", dir.File("out"), "--epochs", "60");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("out"), "gcn.json")));
        var root = report.RootElement;
        Assert.Equal(90, root.GetProperty("nodes").GetInt32());
        Assert.Equal(24, root.GetProperty("train_nodes").GetInt32());
        Assert.Equal(66, root.GetProperty("test_nodes").GetInt32());
        Assert.Equal(60, root.GetProperty("epochs").GetInt32());
        // Three classes: chance is a third.
        Assert.True(root.GetProperty("test_accuracy").GetDouble() > 0.6, result.ToString());
        Assert.Contains("GCN (Kipf & Welling 2017)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Gcn_OnAConfigWithoutAGraph_IsOneErrorLineNamingTheDataset()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("digits.json", GraphConfig.Replace("\"dataset\":\"graph\"", "\"dataset\":\"tactile\"", StringComparison.Ordinal)
            .Replace(",\"graph\":{\"source\":\"sbm\",\"classes\":3,\"nodes_per_class\":30,\"features\":30,\"train_per_class\":8}", "", StringComparison.Ordinal));
        var result = Cli.Run("gcn", config);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("$.data.dataset: the GCN baseline needs a graph dataset", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void SpikingGcn_WithABadGraphKey_IsOneErrorLineNamingThePath()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("bad.json", GraphConfig.Replace("\"source\":\"sbm\"", "\"source\":\"cora\"", StringComparison.Ordinal));
        var result = Cli.Run("train", config, "--out", dir.File("out"));
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains("$.data.graph.source: expected \"sbm\" or \"networkx\", got \"cora\"", result.ErrorLines[0], StringComparison.Ordinal);
    }
}

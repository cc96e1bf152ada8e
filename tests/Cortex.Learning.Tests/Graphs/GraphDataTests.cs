using Cortex.Learning.Data;
using Cortex.Learning.Graphs;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.Tests.Graphs;

/// <summary>
/// The graphs SpikingGCN trains on: the seeded block model's statistics and determinism, the Planetoid-style split,
/// networkx's karate club against Zachary's published counts, and the config's errors naming their path.
/// </summary>
public sealed class GraphDataTests
{
    [Fact]
    public void StochasticBlockModel_IsSeeded()
    {
        var options = new StochasticBlockModelOptions { Classes = 3, NodesPerClass = 30 };
        var a = StochasticBlockModel.Generate(options, 11);
        var b = StochasticBlockModel.Generate(options, 11);
        var c = StochasticBlockModel.Generate(options, 12);
        Assert.Equal(a.Edges, b.Edges);
        Assert.Equal(a.Features, b.Features);
        Assert.NotEqual(a.Edges, c.Edges);
        Assert.Equal(90, a.NodeCount);
        Assert.Equal(Enumerable.Range(0, 90).Select(i => (long)(i / 30)), a.Labels);
    }

    [Fact]
    public void StochasticBlockModel_HasTheExpectedDegreesAndWordRates()
    {
        // 8 blocks of 100: expected edges within blocks N·d_in/2 = 1600, between N·d_out/2 = 400 (binomial, sd ≈ 40 and 20).
        var options = new StochasticBlockModelOptions { Classes = 8, NodesPerClass = 100, DegreeWithin = 4, DegreeBetween = 1, Features = 80 };
        var graph = StochasticBlockModel.Generate(options, 1);
        var within = graph.Edges.Count(e => graph.Labels[e.A] == graph.Labels[e.B]);
        var between = graph.Edges.Count - within;
        Assert.InRange(within, 1600 - 160, 1600 + 160);
        Assert.InRange(between, 400 - 80, 400 + 80);
        Assert.All(graph.Edges, e => Assert.True(e.A < e.B));

        double topic = 0, background = 0;
        for (var i = 0; i < graph.NodeCount; i++)
        {
            for (var f = 0; f < graph.FeatureCount; f++)
            {
                if (f % options.Classes == graph.Labels[i]) topic += graph.Features[(i * graph.FeatureCount) + f];
                else background += graph.Features[(i * graph.FeatureCount) + f];
            }
        }
        // 10 topic words and 70 others per node: rates 0.15 and 0.05 within a few standard errors.
        Assert.InRange(topic / (graph.NodeCount * 10), 0.13, 0.17);
        Assert.InRange(background / (graph.NodeCount * 70), 0.045, 0.055);
    }

    [Fact]
    public void NodeSplit_TakesTheGivenNodesPerClass_DisjointAndSeeded()
    {
        long[] labels = [.. Enumerable.Range(0, 50).Select(i => (long)(i % 3))];
        var (train, test) = NodeSplit.Create(labels, 4, 9);
        Assert.Equal(12, train.Length);
        Assert.Equal(38, test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), train.Concat(test).Order());
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(4, train.Count(i => labels[i] == c)));
        Assert.Equal(train, NodeSplit.Create(labels, 4, 9).Train);
        Assert.NotEqual(train, NodeSplit.Create(labels, 4, 10).Train);
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeSplit.Create(labels, 17, 0));
    }

    [NetworkxFact]
    public void KarateClub_FromNetworkx_HasZacharysMembersTiesAndClubs()
    {
        // Zachary (1977): 34 members, 78 ties; networkx labels Mr. Hi's club on 17 members, the Officer's on 17;
        // member 0 is Mr. Hi, member 33 the Officer (John A.).
        var graph = NetworkxGraphs.Load("karate_club");
        Assert.Equal(34, graph.NodeCount);
        Assert.Equal(78, graph.Edges.Count);
        Assert.Equal(17, graph.Labels.Count(l => l == 0));
        Assert.Equal(0, graph.Labels[0]);
        Assert.Equal(1, graph.Labels[33]);
        Assert.Equal(34, graph.FeatureCount);
        Assert.Contains((0, 1), graph.Edges);
        Assert.Contains((32, 33), graph.Edges);
    }

    [Fact]
    public void Networkx_Missing_NamesTheDebianPackage()
    {
        var error = Assert.Throws<DatasetMissingException>(() => NetworkxGraphs.Load("karate_club", ["/nonexistent/python3"]));
        Assert.Contains("apt-get install python3-networkx", error.Message, StringComparison.Ordinal);
        Assert.Equal(NetworkxGraphs.DebianPackage, error.DebianPackage);
    }

    [Theory]
    [InlineData("""{"source":"citeseer"}""", "$.data.graph.source")]
    [InlineData("""{"source":"networkx","name":"les_miserables"}""", "$.data.graph.name")]
    [InlineData("""{"source":"networkx"}""", "$.data.graph.name")]
    [InlineData("""{"source":"sbm","nodes_per_class":10,"train_per_class":10}""", "$.data.graph.train_per_class")]
    [InlineData("""{"source":"sbm","propagation_steps":-1}""", "$.data.graph.propagation_steps")]
    [InlineData("""{"source":"sbm","degree":3}""", "$.data.graph.degree")]
    public void BadGraphOptions_NameTheirPath(string graph, string path)
    {
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse(Config($$"""{"dataset":"graph","graph":{{graph}}}"""), "g"));
        Assert.StartsWith(path + ":", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"dataset":"graph"}""", "$.data.graph: is required")]
    [InlineData("""{"dataset":"graph","path":"x.json","graph":{"source":"sbm"}}""", "$.data.path:")]
    [InlineData("""{"dataset":"digits","graph":{"source":"sbm"}}""", "$.data.graph")]
    public void GraphDataset_WithoutItsObject_OrWithAPath_IsRefusedNamingTheKey(string data, string expected)
    {
        var error = Assert.Throws<LearningConfigException>(() => TrainingConfig.Parse(Config(data), "g"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void GraphDataset_LoadsTheNodesAsSamples_OnTheSplit()
    {
        var config = TrainingConfig.Parse(Config("""{"dataset":"graph","seed":4,"graph":{"source":"sbm","classes":3,"nodes_per_class":15,"features":12,"train_per_class":5}}"""), "g");
        using var split = TrainingData.Load(config.Data);
        var data = GraphNodeData.Load(config.Data.Graph!, 4);
        Assert.Equal(15, split.Train.Count);
        Assert.Equal(30, split.Test.Count);
        Assert.Equal(new long[] { 12 }, split.Train.SampleShape);
        Assert.Equal(data.TrainNodes.Select(i => data.Graph.Labels[i]), split.Train.LabelArray());
        using var propagated = GraphPropagation.PropagatedFeatures(data.Graph, 2);
        using var index = TorchSharp.torch.tensor(data.TestNodes);
        Assert.True(propagated.index_select(0, index).allclose(split.Test.Inputs, 0, 0));
    }

    private static string Config(string data) => $$"""
        {"data": {{data}}, "model": {"input_shape": [4], "steps": 2, "layers": [{"type":"linear","out":2}]},
         "train": {"epochs": 1, "batch_size": 4, "optimizer": {"type":"adam","lr":0.01} } }
        """;
}

using Cortex.Learning.Graphs;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.Graphs;

/// <summary>
/// The Kipf &amp; Welling GCN baseline: its forward pass against the formula written out, its gradients against finite
/// differences, and seeded training well above chance on the block model; and SpikingGCN trained on the same nodes.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class GcnBaselineTests
{
    /// <summary>Reports on the training thread, so a test can cancel between two epochs.</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static GraphNodeData Sbm(int nodesPerClass = 40) => GraphNodeData.Load(new GraphDataOptions
    {
        Source = "sbm",
        BlockModel = new StochasticBlockModelOptions { Classes = 4, NodesPerClass = nodesPerClass, Features = 40 },
        TrainPerClass = Math.Min(10, nodesPerClass / 2),
    }, 0);

    [TorchFact]
    public void Forward_IsSReluSXW0W1_WithoutDropoutInEvaluation()
    {
        random.manual_seed(3);
        var data = Sbm(10);
        var graph = data.Graph;
        using var s = GraphPropagation.NormalizedAdjacency(graph);
        using var model = new GraphConvolutionalNetwork(s, graph.FeatureCount, 8, graph.ClassCount, 0.5);
        model.eval();
        using var x = tensor(graph.Features, [graph.NodeCount, graph.FeatureCount]);
        using var z = model.call(x);
        Assert.Equal(new long[] { graph.NodeCount, graph.ClassCount }, z.shape);
        var p = model.named_parameters().ToDictionary(n => n.name, n => n.parameter);
        using var expected = s.matmul(nn.functional.relu(s.matmul(x).matmul(p["weight0"]) + p["bias0"])).matmul(p["weight1"]) + p["bias1"];
        Assert.True(z.allclose(expected, 1e-5, 1e-5));
    }

    [TorchFact]
    public void Gradients_MatchFiniteDifferences()
    {
        random.manual_seed(4);
        var data = Sbm(6);
        var graph = data.Graph;
        using var s = GraphPropagation.NormalizedAdjacency(graph).to(float64);
        // Built in double precision (finite differences need it); the default type is restored at once.
        var previous = get_default_dtype();
        set_default_dtype(float64);
        GraphConvolutionalNetwork model;
        try
        {
            model = new GraphConvolutionalNetwork(s, graph.FeatureCount, 5, graph.ClassCount, 0);
        }
        finally
        {
            set_default_dtype(previous);
        }
        using var owned = model;
        Assert.Equal(ScalarType.Float64, model.FirstWeight.dtype);
        using var x = tensor(graph.Features, [graph.NodeCount, graph.FeatureCount]).to(float64);
        using var train = tensor(data.TrainNodes);
        using var labels = tensor(data.TrainNodes.Select(i => graph.Labels[i]).ToArray());
        FiniteDifferences.AssertGradientsMatch(
            () => GcnBaseline.Loss(model, x, train, labels, 5e-4),
            model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));
    }

    [TorchFact]
    public void Training_IsSeeded_AndBeatsChanceClearly()
    {
        var data = Sbm();
        var options = new GcnBaselineOptions { Epochs = 100, Seed = 2 };
        var first = GcnBaseline.Train(data, options);
        var second = GcnBaseline.Train(data, options);
        Assert.Equal(first, second);
        // Four classes: chance is 25 %; topic words and mostly-within-block edges make the classes separable.
        Assert.True(first.TestAccuracy > 0.6, $"test accuracy {first.TestAccuracy}");
        Assert.True(first.TrainAccuracy >= first.TestAccuracy - 0.05, $"train {first.TrainAccuracy}, test {first.TestAccuracy}");
    }

    [TorchFact]
    public void Training_StoppedAfterThreeEpochs_IsTheModelOfAThreeEpochRun()
    {
        var data = Sbm(20);
        using var stop = new CancellationTokenSource();
        var reported = new List<int>();
        var stopped = GcnBaseline.Train(data, new GcnBaselineOptions { Epochs = 50, Seed = 4 }, new InlineProgress<GcnEpoch>(e =>
        {
            reported.Add(e.Epoch);
            if (e.Epoch == 3) stop.Cancel();
        }), stop.Token);
        Assert.Equal([1, 2, 3], reported);
        Assert.Equal(3, stopped.EpochsDone);
        // Same seed, same dropout masks: stopping early changes nothing about the epochs that ran.
        Assert.Equal(GcnBaseline.Train(data, new GcnBaselineOptions { Epochs = 3, Seed = 4 }), stopped);
    }

    [TorchFact]
    public void SpikingGcn_TrainsOnTheSameNodes_Seeded_WellAboveChance()
    {
        var json = """
            {"data": {"dataset":"graph","seed":0,"graph":{"source":"sbm","classes":4,"nodes_per_class":40,"features":40,"train_per_class":10}},
             "model": {"input_shape":[40],"steps":8,"encoder":{"type":"poisson"},
                       "layers":[{"type":"linear","out":32},{"type":"lif","tau":2},{"type":"linear","out":4}]},
             "train": {"epochs":15,"batch_size":10,"optimizer":{"type":"adam","lr":0.01},"seed":1,"threads":1}}
            """;
        var config = TrainingConfig.Parse(json, "spiking_gcn");
        using var data = TrainingData.Load(config.Data);
        var accuracy = TrainingFixtures.FinalTestAccuracy(config, data);
        Assert.Equal(accuracy, TrainingFixtures.FinalTestAccuracy(config, data));
        Assert.True(accuracy > 0.5, $"test accuracy {accuracy}");
    }
}

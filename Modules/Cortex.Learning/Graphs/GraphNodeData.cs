using Cortex.Learning.Data;
using static TorchSharp.torch;

namespace Cortex.Learning.Graphs;

/// <summary>
/// A graph with its training and test nodes: what SpikingGCN (each node a sample of S^K X) and the GCN baseline
/// (the whole graph at once) both train on, so their accuracies are on the same split.
/// </summary>
/// <param name="Graph">The graph.</param>
/// <param name="TrainNodes">Labelled nodes (sorted).</param>
/// <param name="TestNodes">Test nodes (sorted).</param>
/// <param name="PropagationSteps">K of S^K X.</param>
public sealed record GraphNodeData(NodeGraph Graph, long[] TrainNodes, long[] TestNodes, int PropagationSteps)
{
    /// <summary>Generates or loads the graph <paramref name="options"/> names and splits it with <paramref name="seed"/>.</summary>
    public static GraphNodeData Load(GraphDataOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var graph = options.Source == "sbm"
            ? StochasticBlockModel.Generate(options.BlockModel, (ulong)seed)
            : NetworkxGraphs.Load(options.Name!);
        var (train, test) = NodeSplit.Create(graph.Labels, options.TrainPerClass, (ulong)seed);
        return new GraphNodeData(graph, train, test, options.PropagationSteps);
    }

    /// <summary>The nodes as samples: inputs S^K X scaled to [0, 1], [nodes, features]; labels the node classes.</summary>
    public DatasetSplit ToDatasetSplit()
    {
        // No dispose scope here: the subsets' tensors must outlive this method.
        using var all = new LabeledDataset(Graph.Name, GraphPropagation.PropagatedFeatures(Graph, PropagationSteps), tensor(Graph.Labels, ScalarType.Int64), Graph.ClassCount);
        var train = all.Subset(TrainNodes, $"{Graph.Name}/train-nodes");
        return new DatasetSplit(train, all.Subset(TestNodes, $"{Graph.Name}/test-nodes"));
    }
}

using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Graphs;

/// <summary>The GCN baseline's outcome on one split.</summary>
/// <param name="TrainAccuracy">Accuracy on the labelled nodes.</param>
/// <param name="TestAccuracy">Accuracy on the test nodes.</param>
/// <param name="FinalLoss">The last epoch's training loss (cross-entropy on labelled nodes plus the decay term).</param>
/// <param name="EpochsDone">Epochs trained: the options' count, or fewer when the training was stopped early.</param>
public sealed record GcnBaselineResult(double TrainAccuracy, double TestAccuracy, double FinalLoss, int EpochsDone);

/// <summary>One finished epoch of the GCN baseline: its number (from 1) and training loss.</summary>
public readonly record struct GcnEpoch(int Epoch, double Loss);

/// <summary>
/// Trains <see cref="GraphConvolutionalNetwork"/> as Kipf &amp; Welling did: full batch, cross-entropy on the labelled
/// nodes only, Adam, L2 decay on the first layer, a fixed number of epochs (no early stopping, so nothing peeks at
/// the test nodes). Seeded: the same data and options give the same result.
/// </summary>
public static class GcnBaseline
{
    /// <summary>
    /// Trains on <paramref name="data"/>'s training nodes and reports accuracies on both node sets. When
    /// <paramref name="cancellationToken"/> is cancelled, training ends before the next epoch and the result is the model
    /// as trained so far (see <see cref="GcnBaselineResult.EpochsDone"/>): one evaluation costs a single forward pass, so a
    /// stopped run still reports what it reached.
    /// </summary>
    public static GcnBaselineResult Train(GraphNodeData data, GcnBaselineOptions options, IProgress<GcnEpoch>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var graph = data.Graph;
        using var scope = NewDisposeScope();
        random.manual_seed(options.Seed);
        var adjacency = GraphPropagation.NormalizedAdjacency(graph);
        var features = tensor(graph.Features, [graph.NodeCount, graph.FeatureCount]);
        var labels = tensor(graph.Labels, ScalarType.Int64);
        var train = tensor(data.TrainNodes, ScalarType.Int64);
        var test = tensor(data.TestNodes, ScalarType.Int64);
        using var model = new GraphConvolutionalNetwork(adjacency, graph.FeatureCount, options.Hidden, graph.ClassCount, options.Dropout);
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        var trainLabels = labels.index_select(0, train);
        var finalLoss = double.NaN;
        model.train();
        var epochsDone = 0;
        for (var epoch = 0; epoch < options.Epochs && !cancellationToken.IsCancellationRequested; epoch++)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            var loss = Loss(model, features, train, trainLabels, options.WeightDecay);
            loss.backward();
            optimizer.step();
            finalLoss = loss.item<float>();
            if (!double.IsFinite(finalLoss)) throw new TrainingDivergedException($"gcn baseline, epoch {epoch + 1}: the loss became {finalLoss}");
            epochsDone = epoch + 1;
            progress?.Report(new GcnEpoch(epochsDone, finalLoss));
        }
        model.eval();
        using (no_grad())
        {
            var predicted = model.call(features).argmax(1);
            return new GcnBaselineResult(Accuracy(predicted, labels, train), Accuracy(predicted, labels, test), finalLoss, epochsDone);
        }
    }

    /// <summary>Cross-entropy of the labelled nodes plus λ·‖W₀‖²/2: the objective the baseline minimises.</summary>
    public static Tensor Loss(GraphConvolutionalNetwork model, Tensor features, Tensor trainNodes, Tensor trainLabels, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(model);
        var logits = model.call(features).index_select(0, trainNodes);
        return nn.functional.cross_entropy(logits, trainLabels) + (weightDecay / 2 * model.FirstWeight.square().sum());
    }

    private static double Accuracy(Tensor predicted, Tensor labels, Tensor nodes) =>
        predicted.index_select(0, nodes).eq(labels.index_select(0, nodes)).to_type(ScalarType.Float64).mean().item<double>();
}

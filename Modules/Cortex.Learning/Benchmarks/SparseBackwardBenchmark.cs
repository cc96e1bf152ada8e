using System.Diagnostics;
using Cortex.Learning.Data;
using Cortex.Learning.Memory;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Benchmarks;

/// <summary>
/// Trains the same config twice in lockstep — once with the sparse backward pass, once with the same layers run
/// densely (same band-limited surrogate, so the same gradient up to float rounding) — on the same batches, timing
/// each arm's backward pass batch by batch with the two arms alternating first, so machine load hits both alike.
/// Reports the median backward time of each arm, the speed-up, both test accuracies and the active fraction.
/// </summary>
public static class SparseBackwardBenchmark
{
    /// <summary>
    /// Runs <paramref name="epochs"/> epochs (the config's when null) of both arms. With <paramref name="fullSurrogateDense"/>
    /// the dense arm drops <c>sparse_backward</c> altogether (the surrogate everywhere: ordinary dense BPTT, the
    /// baseline the paper compares with) instead of running the same band-limited gradient densely.
    /// When <paramref name="cancellationToken"/> is cancelled the arms stop before the next batch and the comparison covers
    /// the batches timed so far (<see cref="SparseBackwardComparison.EpochsDone"/> says how many epochs were completed and
    /// tested): a long benchmark stopped by the user still reports what it measured.
    /// </summary>
    public static SparseBackwardComparison Run(TrainingConfig config, LabeledDataset train, LabeledDataset test, LearningRegistry registry,
        int? epochs = null, IProgress<string>? progress = null, bool fullSurrogateDense = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (epochs is { } total) config = config.WithEpochs(total);
        using var sparse = Trainer.Create(config, registry);
        using var dense = Trainer.Create(fullSurrogateDense ? config with { ModelJson = WithoutSparseBackward(config.ModelJson) } : config, registry);
        if (sparse.Network.SparsePairs.Count == 0)
            throw new LearningConfigException("model.layers: no neuron layer has \"sparse_backward\"; add e.g. \"sparse_backward\": {\"band\": 0.5} to a lif layer after a linear layer");
        dense.Network.UseSparseBackward = false;
        var arms = new[] { new Arm("sparse", sparse), new Arm("dense", dense) };
        var schedule = sparse.Schedule(train.Count);
        var batches = new MiniBatches(train, config.Train.BatchSize, (ulong)config.Train.Seed);
        long step = 0;
        var epochsDone = 0;
        for (var epoch = 0; epoch < config.Train.Epochs && !cancellationToken.IsCancellationRequested; epoch++)
        {
            foreach (var arm in arms) arm.Trainer.Network.train();
            var index = 0;
            foreach (var batch in batches.Epoch(epoch))
            {
                using var owned = batch;
                if (cancellationToken.IsCancellationRequested) break;
                var rate = schedule.RateAt(step);
                // Alternate which arm goes first, so caches and load bursts favour neither.
                foreach (var arm in index % 2 == 0 ? arms : [arms[1], arms[0]])
                {
                    arm.Step(batch, rate);
                    FreedMemoryRelease.ReturnFreePages();   // outside the timed spans, as Trainer.TrainStep does
                }
                index++;
                step++;
            }
            // An epoch cut short (in training or in its test) is not tested: its accuracy would belong to neither the last epoch nor the next.
            if (cancellationToken.IsCancellationRequested) break;
            double[] accuracies;
            try
            {
                accuracies = [.. arms.Select(arm => Trainer.Evaluate(arm.Trainer.Network, arm.Trainer.Loss, test, config.Train.BatchSize, config.Train.Seed,
                    cancellationToken: cancellationToken).Accuracy)];
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            for (var a = 0; a < arms.Length; a++) arms[a].Accuracies.Add(accuracies[a]);
            epochsDone = epoch + 1;
            progress?.Report($"epoch {epoch + 1}/{config.Train.Epochs}: test accuracy sparse {arms[0].Accuracies[^1]:P2}, dense {arms[1].Accuracies[^1]:P2}; "
                + $"median backward sparse {Median(arms[0].Backward):0.00} ms, dense {Median(arms[1].Backward):0.00} ms; active {ActiveFraction(sparse):P2}");
        }
        return new SparseBackwardComparison(
            config.Name, fullSurrogateDense ? "full surrogate" : "same band-limited gradient", train.Count, test.Count, config.Train.Epochs, config.Train.BatchSize, sparse.Network.Steps, get_num_threads(),
            arms[0].Summary(), arms[1].Summary(), Median(arms[1].Backward) / Median(arms[0].Backward),
            ActiveFraction(sparse), [.. sparse.Network.SparsePairs.Select(p => new SparseLayerActivity(p.LinearIndex + 1, p.Surrogate.Band, p.Activity.Fraction))], epochsDone);
    }

    // The model with every layer's sparse_backward key removed.
    private static string WithoutSparseBackward(string modelJson)
    {
        var model = System.Text.Json.Nodes.JsonNode.Parse(modelJson)!.AsObject();
        if (model["layers"] is System.Text.Json.Nodes.JsonArray layers)
        {
            foreach (var layer in layers.OfType<System.Text.Json.Nodes.JsonObject>()) layer.Remove(Sparse.SparseBackwardOption.Key);
        }
        return model.ToJsonString();
    }

    private static double ActiveFraction(Trainer trainer)
    {
        var pairs = trainer.Network.SparsePairs;
        var total = pairs.Sum(p => p.Activity.Total);
        return total == 0 ? 0 : pairs.Sum(p => p.Activity.InBand) / (double)total;
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private sealed class Arm(string name, Trainer trainer)
    {
        public Trainer Trainer { get; } = trainer;

        public List<double> Forward { get; } = [];

        public List<double> Backward { get; } = [];

        public List<double> Accuracies { get; } = [];

        public void Step(Batch batch, double rate)
        {
            using var scope = NewDisposeScope();
            foreach (var group in Trainer.Optimizer.ParamGroups) group.LearningRate = rate;
            Trainer.Optimizer.zero_grad();
            var start = Stopwatch.GetTimestamp();
            var output = Trainer.Network.call(batch.Inputs);
            var loss = Trainer.Loss.Compute(output, batch.Labels);
            var middle = Stopwatch.GetTimestamp();
            loss.backward();
            var end = Stopwatch.GetTimestamp();
            Trainer.Optimizer.step();
            Forward.Add(Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds);
            Backward.Add(Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds);
        }

        public SparseArmTiming Summary() => new(name, Median(Backward), Backward.Sum(), Median(Forward), Accuracies.Count > 0 ? Accuracies[^1] : double.NaN,
            Accuracies.Count > 0 ? Accuracies.Max() : double.NaN);
    }
}

/// <summary>One arm of <see cref="SparseBackwardBenchmark"/>: median and total backward time (ms), median forward time, final and best test accuracy.</summary>
public sealed record SparseArmTiming(string Name, double MedianBackwardMs, double TotalBackwardMs, double MedianForwardMs, double FinalTestAccuracy, double BestTestAccuracy);

/// <summary>The active fraction of one sparse layer (its index in <c>model.layers</c>) and its band.</summary>
public sealed record SparseLayerActivity(int Layer, double Band, double ActiveFraction);

/// <summary>
/// The result of <see cref="SparseBackwardBenchmark.Run"/>; <c>Speedup</c> = dense median / sparse median backward time;
/// <c>DenseGradient</c> says whether the dense arm used the same band-limited surrogate or the full one; <c>EpochsDone</c>
/// is below <c>Epochs</c> when the run was stopped early (the accuracies are then NaN if no epoch was completed).
/// </summary>
public sealed record SparseBackwardComparison(
    string Config, string DenseGradient, int TrainCount, int TestCount, int Epochs, int BatchSize, int TimeSteps, int Threads,
    SparseArmTiming Sparse, SparseArmTiming Dense, double Speedup, double ActiveFraction, IReadOnlyList<SparseLayerActivity> Layers, int EpochsDone);

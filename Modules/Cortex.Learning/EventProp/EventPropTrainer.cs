using System.Diagnostics;
using Cortex.Learning.Data;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Cortex.Randomness;

namespace Cortex.Learning.EventProp;

/// <summary>
/// Trains an <see cref="EventPropNetwork"/> with the exact gradients of EventProp (Wunderlich &amp; Pehle 2021):
/// per mini-batch each trial runs forward in continuous time and its adjoint backward, the per-trial gradients are
/// summed in sample order (so the result does not depend on how many threads computed them) and averaged, and a
/// float64 Adam/SGD step follows. The initial weights derive from <c>train.seed</c>, the data order from the seed
/// and the epoch.
/// </summary>
public sealed class EventPropTrainer
{
    private const StreamDomain WeightDomain = (StreamDomain)0x6576_7072;   // "evpr"
    private readonly List<EpochMetrics> _history = [];
    private readonly Float64Optimizer _optimizer;

    private EventPropTrainer(EventPropConfig config, EventPropNetwork network)
    {
        Config = config;
        Network = network;
        _optimizer = new Float64Optimizer(config.Train.Optimizer, network.Layers.Select(l => l.Weights.Length));
    }

    /// <summary>The configuration being trained.</summary>
    public EventPropConfig Config { get; }

    /// <summary>The network; its weights change in place.</summary>
    public EventPropNetwork Network { get; }

    /// <summary>Epochs completed.</summary>
    public int EpochsDone => _history.Count;

    /// <summary>Optimiser steps taken.</summary>
    public long StepsDone => _optimizer.Steps;

    /// <summary>Metrics of every completed epoch.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    /// <summary>The last test evaluation (null before the first epoch ends).</summary>
    public EventPropEvaluation? LastEvaluation { get; private set; }

    /// <summary>True once the configured epochs are done.</summary>
    public bool Finished => EpochsDone >= Config.Train.Epochs;

    /// <summary>
    /// A fresh run with weights drawn from the seed. Refuses, naming the config path, a network whose weights, Adam
    /// moments and one gradient per trial of a batch would not fit in the memory available, before allocating any.
    /// </summary>
    public static EventPropTrainer Create(EventPropConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var weights = 0L;
        var inputs = (long)config.Model.InputCount;
        foreach (var layer in config.Model.Layers)
        {
            weights += inputs * layer.Neurons;
            inputs = layer.Neurons;
        }
        // float64: the weights, two optimiser moments, the batch's summed gradient and one gradient per trial of a batch.
        var bytes = weights * 8.0 * (4 + config.Train.BatchSize);
        var available = TrainingMemoryEstimate.AvailableBytes();
        if (weights > Array.MaxLength || bytes > available)
            throw new LearningConfigException($"$.model.layers: {weights:N0} weights need about {bytes / (1 << 30):0.0} GiB with batch_size {config.Train.BatchSize} "
                + $"(weights, Adam moments and one float64 gradient per trial), more than the {available / (double)(1 << 30):0.0} GiB available; use fewer neurons or a smaller $.train.batch_size");
        return new EventPropTrainer(config, CreateNetwork(config.Model, (ulong)config.Train.Seed));
    }

    /// <summary>Refuses <paramref name="data"/> if its samples do not fit the model's input or it has more classes than output neurons.</summary>
    public static void CheckFits(EventPropConfig config, TrialSet data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        var model = config.Model;
        if (data.Count > 0 && data.Features[0].Length != model.InputCount)
            throw new LearningConfigException($"$.model.input_shape: [{string.Join(", ", model.InputShape)}] gives {model.InputCount} input neurons but the samples of {data.Name} have {data.Features[0].Length} features");
        if (data.ClassCount > model.Layers[^1].Neurons)
            throw new LearningConfigException($"$.{model.LinearPath(model.Layers.Count - 1)}.out: the output layer has {model.Layers[^1].Neurons} neurons but {data.Name} has {data.ClassCount} classes");
    }

    /// <summary>
    /// The model's network with weights ~ N(init_mean, init_std²) per layer, drawn from the engine's xoshiro streams
    /// (one per layer), so the same seed gives the same weights on every machine.
    /// </summary>
    public static EventPropNetwork CreateNetwork(EventPropModelConfig model, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = new List<EventLayer>();
        var inputs = model.InputCount;
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var spec = model.Layers[l];
            var random = SeededRandom.Create(seed, WeightDomain, l);
            var weights = new double[spec.Neurons * inputs];
            for (var k = 0; k < weights.Length; k++) weights[k] = spec.InitMean + (spec.InitStd * random.NextGaussian());
            layers.Add(new EventLayer(inputs, spec.Neurons, spec.Neuron, weights));
            inputs = spec.Neurons;
        }
        return new EventPropNetwork(layers, model.Encoder, model.InputWindow, model.Duration);
    }

    /// <summary>Trains until <see cref="Finished"/>; <paramref name="epochDone"/> runs after each epoch.</summary>
    public IReadOnlyList<EpochMetrics> Run(TrialSet train, TrialSet test, IProgress<TrainingProgress>? progress = null,
        Action<EpochMetrics>? epochDone = null, CancellationToken cancellationToken = default)
    {
        while (!Finished)
        {
            var metrics = TrainEpoch(train, test, progress, cancellationToken);
            epochDone?.Invoke(metrics);
        }
        return History;
    }

    /// <summary>One epoch of mini-batch EventProp on <paramref name="train"/>, then a test pass.</summary>
    public EpochMetrics TrainEpoch(TrialSet train, TrialSet test, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        CheckFits(Config, train);
        CheckFits(Config, test);
        var epoch = EpochsDone;
        var epochClock = Stopwatch.StartNew();
        var batchSize = Config.Train.BatchSize;
        var batches = (train.Count + batchSize - 1) / batchSize;
        var schedule = new LearningRateSchedule(Config.Train.Schedule, Config.Train.Optimizer.LearningRate, Config.Train.MinLearningRate,
            (long)Config.Train.Epochs * Math.Max(1, batches));
        var order = SeededPermutation.Create(train.Count, (ulong)Config.Train.Seed, SeededPermutation.EpochOrderPurpose, epoch);
        var parameters = Network.Layers.Select(l => l.Weights).ToArray();
        double lossSum = 0, rate = 0;
        long correct = 0, seen = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var members = order.AsSpan(b * batchSize, Math.Min(batchSize, train.Count - (b * batchSize))).ToArray();
            var gradients = new double[members.Length][][];
            var results = new TrialResult[members.Length];
            Parallel.For(0, members.Length, Options(cancellationToken), m =>
            {
                gradients[m] = Network.NewGradients();
                var sample = members[m];
                results[m] = Network.Gradient(train.Features[sample], train.Labels[sample], Config.Train.Loss, gradients[m]);
            });
            var total = Sum(gradients, members.Length);
            for (var m = 0; m < members.Length; m++)
            {
                if (!double.IsFinite(results[m].Loss))
                    throw new TrainingDivergedException($"epoch {epoch + 1}, batch {b + 1}: the loss became {results[m].Loss}; lower train.optimizer.lr or check the model");
                lossSum += results[m].Loss;
                if (results[m].Predicted == train.Labels[members[m]]) correct++;
            }
            if (total.Any(g => g.Any(x => !double.IsFinite(x))))
                throw new TrainingDivergedException($"epoch {epoch + 1}, batch {b + 1}: a gradient became non-finite (a spike grazed the threshold); lower train.optimizer.lr");
            rate = schedule.RateAt(StepsDone);
            _optimizer.Step(parameters, total, rate);
            seen += members.Length;
            progress?.Report(new TrainingProgress(TrainingPhase.Train, epoch + 1, Config.Train.Epochs, b + 1, batches,
                lossSum / seen, correct / (double)seen, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        }
        clock.Stop();
        var evaluation = Evaluate(test, cancellationToken);
        LastEvaluation = evaluation;
        var metrics = new EpochMetrics(epoch + 1, lossSum / Math.Max(seen, 1), correct / (double)Math.Max(seen, 1), evaluation.Loss, evaluation.Accuracy,
            rate, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), epochClock.Elapsed.TotalSeconds, Trainer.PeakMemoryBytes());
        _history.Add(metrics);
        return metrics;
    }

    /// <summary>Loss, accuracy and spike counts on <paramref name="data"/>.</summary>
    public EventPropEvaluation Evaluate(TrialSet data, CancellationToken cancellationToken = default) =>
        Evaluate(Network, Config.Train.Loss, data, Config.Train.Threads, cancellationToken);

    /// <summary>Evaluates any network (e.g. one loaded from a saved model) as <see cref="Evaluate(TrialSet, CancellationToken)"/> does.</summary>
    public static EventPropEvaluation Evaluate(EventPropNetwork network, FirstSpikeTimeLoss loss, TrialSet data, int? threads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        var losses = new double[data.Count];
        var right = new bool[data.Count];
        var silent = new bool[data.Count];
        var spikes = new int[data.Count][];
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        Parallel.For(0, data.Count, options, s =>
        {
            var trial = network.Forward(data.Features[s]);
            var first = trial[^1].FirstSpikeTimes();
            losses[s] = loss.Compute(first, data.Labels[s], network.Duration, new double[first.Length]);
            right[s] = FirstSpikeTimeLoss.Predict(first) == data.Labels[s];
            silent[s] = trial[^1].Count == 0;
            spikes[s] = [.. trial.Select(layer => layer.Count)];
        });
        var count = Math.Max(1, data.Count);
        var perLayer = Enumerable.Range(0, network.Layers.Count + 1).Select(l => spikes.Sum(t => (double)t[l]) / count).ToArray();
        return new EventPropEvaluation(losses.Sum() / count, right.Count(r => r) / (double)count, data.Count, perLayer, silent.Count(x => x) / (double)count);
    }

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Config.Train.Threads ?? Environment.ProcessorCount };

    // The batch mean of the per-trial gradients, summed in sample order: the same bits whatever the thread count.
    private double[][] Sum(double[][][] perTrial, int count)
    {
        var total = Network.NewGradients();
        for (var m = 0; m < count; m++)
        {
            for (var l = 0; l < total.Length; l++)
            {
                var target = total[l];
                var source = perTrial[m][l];
                for (var k = 0; k < target.Length; k++) target[k] += source[k];
            }
        }
        foreach (var layer in total)
        {
            for (var k = 0; k < layer.Length; k++) layer[k] /= count;
        }
        return total;
    }
}

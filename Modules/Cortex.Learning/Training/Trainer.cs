using System.Diagnostics;
using Cortex.Learning.Data;
using Cortex.Learning.Memory;
using Cortex.Learning.Registry;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// Trains a <see cref="SpikingNetwork"/> by backpropagation through time: each batch runs the whole
/// sequence forward, the loss is taken on the full output [T, B, classes], and one backward pass and one
/// optimiser step follow. Everything random is derived from <c>train.seed</c> and the epoch number
/// (weights at creation; data order, dropout and encoder noise at the start of each epoch), so the same
/// config gives the same run, and a run resumed from a checkpoint continues exactly as if never stopped.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly List<EpochMetrics> _history;

    private Trainer(TrainingConfig config, SpikingNetwork network, int epochsDone, long stepsDone, IEnumerable<EpochMetrics> history)
    {
        Config = config;
        Network = network;
        Loss = TrainingLoss.Create(config.Train.Loss);
        Optimizer = CreateOptimizer(config.Train.Optimizer, network);
        EpochsDone = epochsDone;
        StepsDone = stepsDone;
        _history = [.. history];
    }

    /// <summary>The configuration being trained.</summary>
    public TrainingConfig Config { get; }

    /// <summary>The network (owned by the trainer).</summary>
    public SpikingNetwork Network { get; }

    /// <summary>The loss.</summary>
    public TrainingLoss Loss { get; }

    /// <summary>The optimiser (its moments are saved in checkpoints).</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>Epochs completed.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>Optimiser steps taken (the schedule's clock).</summary>
    public long StepsDone { get; private set; }

    /// <summary>Metrics of every completed epoch, in order.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    /// <summary>True once <see cref="EpochsDone"/> reaches the configured epochs.</summary>
    public bool Finished => EpochsDone >= Config.Train.Epochs;

    /// <summary>Where the network trains (<c>train.device</c>); batches are sent there step by step.</summary>
    public Device Device => Network.Device;

    /// <summary>
    /// A fresh run: seeds torch, builds the model (errors name their config path), moves it to <c>train.device</c>
    /// and makes its optimiser. The weights are drawn on the CPU before the move, so a GPU run starts from the same weights.
    /// </summary>
    public static Trainer Create(TrainingConfig config, LearningRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var device = TrainingDevice.Resolve(config.Train.Device);
        UseThreads(config.Train.Threads);
        random.manual_seed(config.Train.Seed);   // libtorch's manual_seed seeds every CUDA device too
        var network = SpikingNetwork.FromJson(config.ModelJson, registry);
        try
        {
            CheckFitsInMemory(network, config.Train.BatchSize, device);
            network.MoveTo(device);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return new Trainer(config, network, 0, 0, []);
    }

    /// <summary>
    /// Continues the run saved in <paramref name="checkpoint"/>, optionally for a different total of
    /// <paramref name="epochs"/>; the trainer takes over the checkpoint's network.
    /// </summary>
    public static Trainer Resume(TrainingCheckpoint checkpoint, int? epochs = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Resume(checkpoint, epochs is { } total ? checkpoint.Config.WithEpochs(total) : checkpoint.Config);
    }

    /// <summary>
    /// Continues the run saved in <paramref name="checkpoint"/> under <paramref name="config"/>, the checkpoint's own
    /// with overrides applied (more epochs, another <c>train.device</c>); the model must be the checkpoint's.
    /// </summary>
    public static Trainer Resume(TrainingCheckpoint checkpoint, TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(config);
        var device = TrainingDevice.Resolve(config.Train.Device);
        CheckFitsInMemory(checkpoint.Network, config.Train.BatchSize, device);
        UseThreads(config.Train.Threads);
        checkpoint.Network.MoveTo(device);   // before the optimiser is made, so its moments live beside the weights
        var trainer = new Trainer(config, checkpoint.Network, checkpoint.EpochsDone, checkpoint.StepsDone, checkpoint.Metrics);
        checkpoint.RestoreOptimizer(trainer.Optimizer);
        return trainer;
    }

    // The weights fit (each layer checks its own before allocating); this checks the activations of a batch, allocated in the
    // first step, against the machine's memory. On a GPU they live in the device's memory, whose allocator reports its own limit.
    private static void CheckFitsInMemory(SpikingNetwork network, int batchSize, Device device)
    {
        if (device.type == DeviceType.CPU
            && TrainingMemoryEstimate.For(network, batchSize).TrainingProblem(TrainingMemoryEstimate.AvailableBytes()) is { } problem)
            throw new LearningConfigException(problem);
    }

    /// <summary>Sets torch's intra-op threads: <paramref name="threads"/>, or every core when null.</summary>
    public static void UseThreads(int? threads) => set_num_threads(threads ?? Environment.ProcessorCount);

    /// <summary>The schedule for a training set of <paramref name="trainCount"/> samples.</summary>
    public LearningRateSchedule Schedule(int trainCount)
    {
        var batchesPerEpoch = (trainCount + Config.Train.BatchSize - 1) / Config.Train.BatchSize;
        var train = Config.Train;
        return new LearningRateSchedule(train.Schedule, train.Optimizer.LearningRate, train.MinLearningRate, (long)train.Epochs * Math.Max(1, batchesPerEpoch));
    }

    /// <summary>Trains until <see cref="Finished"/>; <paramref name="epochDone"/> runs after each epoch (e.g. to checkpoint).</summary>
    public IReadOnlyList<EpochMetrics> Run(
        LabeledDataset train,
        LabeledDataset test,
        IProgress<TrainingProgress>? progress = null,
        Action<EpochMetrics>? epochDone = null,
        CancellationToken cancellationToken = default)
    {
        while (!Finished)
        {
            var metrics = TrainEpoch(train, test, progress, cancellationToken);
            epochDone?.Invoke(metrics);
        }
        return History;
    }

    /// <summary>One epoch of BPTT on <paramref name="train"/>, then a test pass on <paramref name="test"/>.</summary>
    public EpochMetrics TrainEpoch(LabeledDataset train, LabeledDataset test, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        CheckFits(train);
        CheckFits(test);
        var epoch = EpochsDone;
        var epochClock = Stopwatch.StartNew();
        var schedule = Schedule(train.Count);
        var batches = new MiniBatches(train, Config.Train.BatchSize, (ulong)Config.Train.Seed);
        ReseedForEpoch(epoch);
        Network.train();

        double lossSum = 0, rate = schedule.RateAt(StepsDone);
        long correct = 0, seen = 0;
        var batchIndex = 0;
        var trainClock = Stopwatch.StartNew();
        foreach (var batch in batches.Epoch(epoch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var owned = batch;
            rate = schedule.RateAt(StepsDone);
            var step = TrainStep(batch, rate);
            if (!float.IsFinite(step.Loss))
                throw new TrainingDivergedException($"epoch {epoch + 1}, batch {batchIndex + 1}: the loss became {step.Loss}; lower train.optimizer.lr or check the model");
            lossSum += step.Loss * step.Size;
            correct += step.Correct;
            seen += step.Size;
            batchIndex++;
            progress?.Report(new TrainingProgress(TrainingPhase.Train, epoch + 1, Config.Train.Epochs, batchIndex, batches.BatchesPerEpoch,
                lossSum / seen, correct / (double)seen, seen / Math.Max(trainClock.Elapsed.TotalSeconds, 1e-9)));
        }
        trainClock.Stop();

        var evaluation = Evaluate(test, progress, epoch + 1, cancellationToken);
        EpochsDone++;
        var metrics = new EpochMetrics(
            EpochsDone, lossSum / Math.Max(seen, 1), correct / (double)Math.Max(seen, 1), evaluation.Loss, evaluation.Accuracy, rate,
            seen / Math.Max(trainClock.Elapsed.TotalSeconds, 1e-9), epochClock.Elapsed.TotalSeconds, PeakMemoryBytes());
        _history.Add(metrics);
        return metrics;
    }

    /// <summary>
    /// One optimiser step on <paramref name="batch"/> at learning rate <paramref name="rate"/>: forward, loss
    /// (plus activity penalties), backward, update. Every tensor the step makes is released before it returns, and
    /// their pages go back to the system (<see cref="FreedMemoryRelease"/>; on a GPU, those the autograd engine's device
    /// thread made too, <see cref="AutogradWorkerTensors"/>), so a long run holds the same tensors and
    /// about the same resident memory after step 1000 as after step 2; the batch stays the caller's.
    /// </summary>
    public TrainingStepResult TrainStep(Batch batch, double rate)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var result = StepInScope(batch, rate);
        if (Device.type != DeviceType.CPU) AutogradWorkerTensors.Release();
        FreedMemoryRelease.ReturnFreePages();
        return result;
    }

    private TrainingStepResult StepInScope(Batch batch, double rate)
    {
        using var scope = NewDisposeScope();
        foreach (var group in Optimizer.ParamGroups) group.LearningRate = rate;
        Optimizer.zero_grad();
        var labels = OnDevice(batch.Labels, Device);
        var output = Network.call(OnDevice(batch.Inputs, Device));
        var loss = Loss.Compute(output, labels);
        var objective = WithPenalties(loss);
        objective.backward();
        Optimizer.step();
        StepsDone++;
        var correct = TrainingLoss.Predict(output).eq(labels).sum().item<long>();
        return new TrainingStepResult(loss.item<float>(), correct, batch.Labels.shape[0]);
    }

    /// <summary>
    /// Loss, accuracy and confusion matrix on <paramref name="data"/> in eval mode (batch-norm running
    /// statistics, no dropout) with the encoder reseeded, so every evaluation of the same weights agrees.
    /// </summary>
    public EvaluationResult Evaluate(LabeledDataset data, IProgress<TrainingProgress>? progress = null, int epoch = 0, CancellationToken cancellationToken = default) =>
        Evaluate(Network, Loss, data, Config.Train.BatchSize, Config.Train.Seed, progress, epoch, Config.Train.Epochs, cancellationToken);

    /// <summary>Evaluates any network (e.g. one loaded from a checkpoint) as <see cref="Evaluate(LabeledDataset, IProgress{TrainingProgress}?, int, CancellationToken)"/> does.</summary>
    public static EvaluationResult Evaluate(
        SpikingNetwork network,
        TrainingLoss loss,
        LabeledDataset data,
        int batchSize,
        int seed,
        IProgress<TrainingProgress>? progress = null,
        int epoch = 0,
        int epochs = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        var classes = network.ClassCount;
        var confusion = Enumerable.Range(0, classes).Select(_ => new long[classes]).ToArray();
        var wasTraining = network.training;
        network.eval();
        network.EncoderGenerator.manual_seed(SeedFor(seed, EvaluationStream));
        var batches = new MiniBatches(data, batchSize, 0, shuffle: false);
        double lossSum = 0;
        long seen = 0;
        var batchIndex = 0;
        var clock = Stopwatch.StartNew();
        using (no_grad())
        {
            foreach (var batch in batches.Epoch(0))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                using var owned = batch;
                var output = network.call(OnDevice(batch.Inputs, network.Device));
                var size = batch.Labels.shape[0];
                lossSum += loss.Compute(output, OnDevice(batch.Labels, network.Device)).item<float>() * size;
                var predicted = TrainingLoss.Predict(output).cpu().data<long>().ToArray();
                var truth = batch.Labels.data<long>().ToArray();
                for (var i = 0; i < truth.Length; i++) confusion[truth[i]][predicted[i]]++;
                seen += size;
                batchIndex++;
                progress?.Report(new TrainingProgress(TrainingPhase.Test, epoch, epochs, batchIndex, batches.BatchesPerEpoch,
                    lossSum / seen, confusion.Select((row, c) => row[c]).Sum() / (double)seen, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
            }
        }
        if (wasTraining) network.train();
        FreedMemoryRelease.ReturnFreePages();
        var correct = confusion.Select((row, c) => row[c]).Sum();
        return new EvaluationResult(lossSum / Math.Max(seen, 1), correct / (double)Math.Max(seen, 1), (int)seen, confusion, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
    }

    /// <summary>The loss plus every activity penalty the layers recorded in this forward pass (e.g. the Hoyer regulariser).</summary>
    private Tensor WithPenalties(Tensor loss)
    {
        var total = loss;
        foreach (var module in Network.modules())
        {
            if (module is not IActivityRegularizer regularizer || regularizer.TakePenalty() is not { } penalty) continue;
            using (penalty) total = total + penalty;   // the sum keeps what backward needs
        }
        return total;
    }

    /// <summary>
    /// <paramref name="tensor"/> on <paramref name="device"/>: itself when it is there already, else a copy made in the
    /// caller's dispose scope (the batch stays the caller's either way).
    /// </summary>
    private static Tensor OnDevice(Tensor tensor, Device device) =>
        tensor.device_type == device.type && (device.type == DeviceType.CPU || tensor.device_index == device.index) ? tensor : tensor.to(device);

    /// <summary>The process's peak resident memory in bytes (the high-water mark, not the current size).</summary>
    public static long PeakMemoryBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Optimizer.Dispose();
        Network.Dispose();
    }

    private const long EvaluationStream = -1;

    /// <summary>A seed for stream <paramref name="stream"/> (an epoch, or evaluation) of run seed <paramref name="seed"/>.</summary>
    private static long SeedFor(int seed, long stream) => unchecked((seed * 1_000_003L) + stream + 1);

    // Dropout and stochastic layers draw from torch's default generator, encoders from the network's own;
    // both restart from the epoch's seed so epoch e draws the same numbers whether or not the run was resumed.
    private void ReseedForEpoch(int epoch)
    {
        random.manual_seed(SeedFor(Config.Train.Seed, epoch));
        Network.EncoderGenerator.manual_seed(SeedFor(Config.Train.Seed, epoch) ^ 0x5DEECE66DL);
    }

    private void CheckFits(LabeledDataset data)
    {
        if (!data.SampleShape.SequenceEqual(Network.InputShape))
            throw new LearningConfigException($"model.input_shape: [{string.Join(", ", Network.InputShape)}] does not match the samples of {data.Name}, [{string.Join(", ", data.SampleShape)}]");
        if (data.ClassCount > Network.ClassCount)
            throw new LearningConfigException($"model.layers[{Network.Layers.Count - 1}]: outputs {Network.ClassCount} classes but {data.Name} has {data.ClassCount}");
    }

    private static optim.Optimizer CreateOptimizer(OptimizerConfig config, SpikingNetwork network) => config.Type switch
    {
        "adam" => optim.Adam(network.parameters(), config.LearningRate, config.Beta1, config.Beta2, weight_decay: config.WeightDecay),
        "sgd" => optim.SGD(network.parameters(), config.LearningRate, config.Momentum, weight_decay: config.WeightDecay),
        _ => throw new LearningConfigException($"train.optimizer.type: unknown optimizer '{config.Type}' (available: adam, sgd)"),
    };
}

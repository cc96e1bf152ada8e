using Cortex.Learning.Neurons;
using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>BPTT training on a tiny separable problem: it learns, it is reproducible, and the neuron parameters learn too.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class TrainerTests
{
    [TorchFact]
    public void Training_LowersTheLossAndLearnsTheProblem()
    {
        using var train = TrainingFixtures.Separable(90, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        using var trainer = Trainer.Create(TrainingConfig.Parse(TrainingFixtures.Config(epochs: 8), "tiny"), TrainingFixtures.Registry());
        var before = trainer.Evaluate(test);
        var history = trainer.Run(train, test);
        Assert.Equal(8, history.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], history.Select(m => m.Epoch));
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss * 0.7, $"train loss {history[0].TrainLoss} → {history[^1].TrainLoss}");
        Assert.True(history[^1].TestLoss < before.Loss, $"test loss {before.Loss} → {history[^1].TestLoss}");
        Assert.True(history[^1].TestAccuracy >= 0.9, $"test accuracy {history[^1].TestAccuracy}");
        Assert.Equal(8 * 6, trainer.StepsDone);
        Assert.All(history, m => Assert.True(m.ImagesPerSecond > 0 && m.WallSeconds > 0 && m.PeakMemoryBytes > 0));
    }

    [TorchFact]
    public void Evaluate_CountsEverySampleInTheConfusionMatrix()
    {
        using var test = TrainingFixtures.Separable(30, seed: 2);
        using var trainer = Trainer.Create(TrainingConfig.Parse(TrainingFixtures.Config(), "tiny"), TrainingFixtures.Registry());
        var result = trainer.Evaluate(test);
        Assert.Equal(30, result.Count);
        Assert.Equal(30, result.Confusion.Sum(row => row.Sum()));
        // 10 samples of each class: each row of the confusion matrix sums to its class's count.
        Assert.All(result.Confusion, row => Assert.Equal(10, row.Sum()));
        Assert.Equal(result.Correct / 30.0, result.Accuracy, 12);
    }

    [TorchFact]
    public void SameSeed_GivesIdenticalRuns_EvenWithDropoutAndPoissonInput()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"linear","out":16},{"type":"test_dropout","p":0.3},{"type":"lif","tau":2},{"type":"linear","out":3}]""",
            encoder: """{"type":"poisson"}"""), "tiny");
        var (first, firstWeights) = TrainTwice(config);
        var (second, secondWeights) = TrainTwice(config);
        Assert.Equal(first.Select(m => m.TrainLoss), second.Select(m => m.TrainLoss));
        Assert.Equal(first.Select(m => m.TestAccuracy), second.Select(m => m.TestAccuracy));
        foreach (var (name, values) in firstWeights) Assert.Equal(values, secondWeights[name]);

        // A different seed really changes the run (so equality above is not vacuous).
        var other = config with { Train = config.Train with { Seed = 8 } };
        var (third, _) = TrainTwice(other);
        Assert.NotEqual(first.Select(m => m.TrainLoss), third.Select(m => m.TrainLoss));
    }

    [TorchFact]
    public void PlifTauAndLearnedThreshold_GetGradientsAndChange()
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"linear","out":16},{"type":"plif","tau":2,"learn_threshold":true},{"type":"linear","out":8},{"type":"lif","tau":3,"learn_threshold":true},{"type":"linear","out":3}]""",
            epochs: 1), "tiny");
        using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
        var plif = Assert.IsType<ParametricLifNeuron>(trainer.Network.Layers[1].Module);
        var lif = Assert.IsType<LifNeuron>(trainer.Network.Layers[3].Module);
        var tau = plif.CurrentTau;
        var plifThreshold = plif.CurrentThreshold;
        var lifThreshold = lif.CurrentThreshold;

        // One backward pass: every neuron parameter has a non-zero gradient.
        using (var batch = train.Subset([.. Enumerable.Range(0, 16).Select(i => (long)i)], "batch"))
        using (var scope = NewDisposeScope())
        {
            var loss = trainer.Loss.Compute(trainer.Network.call(batch.Inputs), batch.Labels);
            loss.backward();
            Assert.NotEqual(0f, plif.LeakLogit.grad!.item<float>());
            Assert.NotEqual(0f, plif.LearnedThreshold!.grad!.item<float>());
            Assert.NotEqual(0f, lif.LearnedThreshold!.grad!.item<float>());
            trainer.Optimizer.zero_grad();
        }

        trainer.Run(train, test);
        Assert.NotEqual(tau, plif.CurrentTau);
        Assert.NotEqual(plifThreshold, plif.CurrentThreshold);
        Assert.NotEqual(lifThreshold, lif.CurrentThreshold);
        Assert.Equal(3, lif.CurrentTau);
    }

    [TorchFact]
    public void Optimizer_FollowsTheCosineSchedule()
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        var config = TrainingConfig.Parse(TrainingFixtures.Config(epochs: 2), "tiny");
        using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
        trainer.TrainEpoch(train, test);
        // 60 samples in batches of 16: 4 steps per epoch, 8 in all; the last step of epoch 1 is step 3.
        var expected = 0.5 * 0.05 * (1 + Math.Cos(Math.PI * 3 / 8));
        Assert.Equal(expected, trainer.History[0].LearningRate, 12);
        Assert.Equal(expected, trainer.Optimizer.ParamGroups.Single().LearningRate, 12);
    }

    [TorchFact]
    public void Training_RejectsDataThatDoesNotFitTheModel()
    {
        using var train = TrainingFixtures.Separable(30, seed: 1, features: 5);
        using var trainer = Trainer.Create(TrainingConfig.Parse(TrainingFixtures.Config(), "tiny"), TrainingFixtures.Registry());
        var error = Assert.Throws<Registry.LearningConfigException>(() => trainer.TrainEpoch(train, train));
        Assert.StartsWith("model.input_shape: [6] does not match the samples of separable, [5]", error.Message, StringComparison.Ordinal);
    }

    private static (IReadOnlyList<EpochMetrics> History, Dictionary<string, float[]> Weights) TrainTwice(TrainingConfig config)
    {
        using var train = TrainingFixtures.Separable(60, seed: 1);
        using var test = TrainingFixtures.Separable(30, seed: 2);
        using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
        var history = trainer.Run(train, test).ToList();
        return (history, TrainingFixtures.Snapshot(trainer.Network));
    }
}

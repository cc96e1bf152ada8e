using Cortex.Learning.Cost;
using Cortex.Learning.OneStep;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>
/// The Hoyer spike layer of one-time-step SNNs (Datta et al. 2022): the extremum and regulariser against
/// their definitions, the spike rule, the straight-through gradient, finite differences of the penalty,
/// the config and a T = 1 training run.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class HoyerSpikeLayerTests
{
    private static HoyerSpikeLayer Build(string json, params long[] shape) =>
        (HoyerSpikeLayer)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[2]"), shape).Module;

    [TorchFact]
    public void ExtremumAndRegularizer_FollowTheirDefinitions()
    {
        var z = new[] { 0.0, 0.2, 0.5, 1.0, 0.3 };
        using var tensorZ = tensor(z);
        var l1 = z.Sum(Math.Abs);
        var l2Squared = z.Sum(v => v * v);
        Assert.Equal(l2Squared / l1, HoyerSpikeLayer.Extremum(tensorZ).item<double>(), 12);
        Assert.Equal(l1 * l1 / l2Squared, HoyerSpikeLayer.Regularizer(tensorZ).item<double>(), 12);
        // One active element is the sparsest (H = 1); n equal elements the densest (H = n).
        using var oneHot = tensor(new double[] { 0, 0, 0.7, 0 });
        using var flat = tensor(new double[] { 0.4, 0.4, 0.4, 0.4 });
        Assert.Equal(1, HoyerSpikeLayer.Regularizer(oneHot).item<double>(), 12);
        Assert.Equal(4, HoyerSpikeLayer.Regularizer(flat).item<double>(), 12);
    }

    [TorchFact]
    public void Spikes_WhereTheClippedInputReachesTheBatchExtremum_AndKeepsTheShape()
    {
        var layer = Build("""{"type":"hoyer","threshold":2}""", 3, 4);
        layer.train();
        random.manual_seed(1);
        using var input = randn(1, 5, 3, 4) * 2;
        using var output = layer.call(input);
        Assert.Equal(input.shape, output.shape);
        var u = input.data<float>().ToArray();
        var z = u.Select(v => Math.Clamp(v / 2.0, 0, 1)).ToArray();
        var extremum = z.Sum(v => v * v) / z.Sum();
        var spikes = output.data<float>().ToArray();
        for (var i = 0; i < u.Length; i++) Assert.Equal(z[i] >= extremum ? 1f : 0f, spikes[i]);
        // The running extremum moved 10 % of the way from 0.5 towards this batch's.
        Assert.Equal((0.9 * 0.5) + (0.1 * extremum), layer.RunningExtremum.item<float>(), 5);
    }

    [TorchFact]
    public void Backward_IsStraightThroughTheClip_ForTheInputAndTheThreshold()
    {
        var layer = Build("""{"type":"hoyer","threshold":1.5}""", 6);
        layer.train();
        using var input = tensor(new float[] { -0.5f, 0.3f, 0.9f, 1.2f, 2.0f, 3.0f }).reshape(1, 1, 6).requires_grad_();
        using var weights = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(1, 1, 6);
        using var loss = (layer.call(input) * weights).sum();
        loss.backward();
        // z = clamp(u / 1.5, 0, 1): dz/du = 1/1.5 inside (0, 1.5), 0 outside; dz/dv_th = −u/1.5² inside.
        var u = new[] { -0.5, 0.3, 0.9, 1.2, 2.0, 3.0 };
        var inside = u.Select(v => v > 0 && v < 1.5).ToArray();
        var expectedInput = u.Select((v, i) => inside[i] ? (i + 1) / 1.5 : 0).ToArray();
        var expectedThreshold = u.Select((v, i) => inside[i] ? -(i + 1) * v / (1.5 * 1.5) : 0).Sum();
        Assert.Equal(expectedInput, input.grad!.reshape(6).to(float64).data<double>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(expectedThreshold, layer.Threshold.grad!.item<float>(), 4);
    }

    [TorchFact]
    public void PenaltyGradient_MatchesFiniteDifferences()
    {
        var layer = Build("""{"type":"hoyer","threshold":1.2,"regularization":0.5}""", 8);
        layer.train();
        random.manual_seed(2);
        using var input = (rand(1, 4, 8, dtype: float64) * 1.1).requires_grad_();
        layer.to(float64);
        Tensor Penalty()
        {
            layer.call(input).Dispose();
            return layer.TakePenalty()!;   // outside every dispose scope: a small tensor left to the finaliser
        }
        FiniteDifferences.AssertGradientsMatch(Penalty, [("input", input), ("threshold", layer.Threshold)], h: 1e-6, tolerance: 1e-5);
    }

    [TorchFact]
    public void EvaluationUsesTheRunningExtremum_SoASampleIsJudgedOnItsOwn()
    {
        var layer = Build("""{"type":"hoyer"}""", 4);
        layer.eval();
        using var batch = tensor(new float[] { 0.2f, 0.6f, 0.4f, 0.9f, 0.1f, 0.1f, 0.55f, 0.3f }).reshape(1, 2, 4);
        using var output = layer.call(batch);
        using var single = layer.call(batch[.., 1..2]);
        Assert.Equal([0f, 1f, 0f, 1f, 0f, 0f, 1f, 0f], output.data<float>().ToArray());
        Assert.Equal(output[.., 1..2].data<float>().ToArray(), single.data<float>().ToArray());
        Assert.Null(layer.TakePenalty());
    }

    [TorchTheory]
    [InlineData("\"threshold\":0", "model.layers[2].threshold: must be > 0")]
    [InlineData("\"regularization\":-1", "model.layers[2].regularization: must be >= 0")]
    [InlineData("\"tau\":2", "model.layers[2].tau: unknown key")]
    public void BadKeys_NameTheConfigPath(string key, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build($$"""{"type":"hoyer",{{key}}}""", 4));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void OneStepTraining_WithTheRegularizer_LearnsTheProblem_AndIsDeterministic()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"linear","out":16},{"type":"hoyer","regularization":0.1},{"type":"linear","out":3}]""",
            epochs: 6, steps: 1), "hoyer");
        (double Accuracy, float Threshold) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            return (accuracy, ((HoyerSpikeLayer)trainer.Network.Layers[1].Module).Threshold.item<float>());
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.9, $"T = 1 test accuracy {first.Accuracy}");
        Assert.Equal(first, second);
        Assert.NotEqual(1f, first.Threshold);   // v_th was trained
    }
    [TorchFact]
    public void CostReport_CountsTheHoyerLayersSpikes()
    {
        random.manual_seed(3);
        using var network = SpikingNetwork.FromJson(
            """{"input_shape":[6],"steps":1,"layers":[{"type":"linear","out":8},{"type":"hoyer"},{"type":"linear","out":3}]}""", LearningRegistry.BuiltIn());
        network.eval();
        using var batch = rand(5, 6);
        Tensor spikes;
        using (no_grad())
        {
            using var sequence = network.Encoder.Encode(batch, 1, network.EncoderGenerator);
            using var current = network.Layers[0].Module.call(sequence);
            spikes = network.Layers[1].Module.call(current);
        }
        using var meter = new CostMeter(network);
        using (no_grad()) network.call(batch).Dispose();
        var report = meter.Report();
        var count = spikes.data<float>().Sum();
        Assert.Equal(1 - (count / 40.0), report.ActivationSparsity, 9);
        Assert.Equal(count * 3 / 5.0, report.Layers[1].EffectiveAcs, 9);
        spikes.Dispose();
    }
}

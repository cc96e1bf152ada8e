using Cortex.Learning.PredictiveCoding;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests.PredictiveCoding;

/// <summary>
/// Spiking predictive coding (after Ororbia's SpNCN): shapes and spikes, the local rule against the gradient of the
/// local prediction energy written out here, the energy falling as the layer learns, no learning when frozen or in
/// evaluation, the config and a seeded training run with a readout.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class SpikingPredictiveCodingLayerTests
{
    private static SpikingPredictiveCodingLayer Build(string json, params long[] shape) =>
        (SpikingPredictiveCodingLayer)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), shape).Module;

    [TorchFact]
    public void Output_IsTheTopLayersSpikes()
    {
        random.manual_seed(11);
        var layer = Build("""{"type":"predictive_coding","sizes":[7,5],"threshold":0.05}""", 6);
        layer.eval();
        using var input = rand(30, 4, 6);
        using var output = layer.call(input);
        Assert.Equal(new long[] { 30, 4, 5 }, output.shape);
        var values = output.data<float>().ToArray();
        Assert.All(values, v => Assert.True(v is 0f or 1f, $"not a spike: {v}"));
        Assert.Contains(1f, values);
        Assert.False(output.requires_grad);
    }

    /// <summary>The sequence one step later: [0, h[0], …, h[T−2]].</summary>
    private static Tensor Shifted(Tensor h)
    {
        using var first = zeros_like(h.narrow(0, 0, 1));
        using var rest = h.narrow(0, 0, h.shape[0] - 1);
        return cat([first, rest], 0);
    }

    [TorchFact]
    public void LocalUpdate_IsTheNegativeGradientOfTheLocalPredictionEnergy()
    {
        random.manual_seed(12);
        var layer = Build("""{"type":"predictive_coding","sizes":[5,3],"learning_rate":0.1,"threshold":0.05}""", 4);
        layer.to(float64);
        using var input = rand(30, 2, 4, dtype: float64);
        var updates = layer.LocalUpdates(input);
        var traces = layer.Traces(input);
        for (var l = 0; l < 2; l++)
        {
            // E^ℓ(W) = 1/(T·B) Σ_t ½‖z^{ℓ−1} − W·z^ℓ[t−1]‖², with the input's trace of this step (ℓ = 1) and a hidden layer's trace
            // of the step before (ℓ > 1): each step's errors are taken before the layers update; z[−1] = 0.
            using var w = layer.Generative(l).clone().requires_grad_();
            using var below = l == 0 ? traces[0].clone() : Shifted(traces[l]);
            using var previous = Shifted(traces[l + 1]);
            using var energy = (below - previous.matmul(w.t())).pow(2).sum() * (0.5 / (30 * 2));
            energy.backward();
            using var expected = -w.grad! * 0.1;
            Assert.True(updates[l].allclose(expected, rtol: 1e-9, atol: 1e-12), $"layer {l}: the local update is not −η ∂E/∂W");
            Assert.True(updates[l].abs().max().item<double>() > 1e-6, $"layer {l}: the update is zero");
        }
    }

    [TorchFact]
    public void Learning_LowersThePredictionErrorOfTheInput()
    {
        random.manual_seed(13);
        var layer = Build("""{"type":"predictive_coding","sizes":[32],"learning_rate":0.2}""", 16);
        layer.train();
        using var data = rand(20, 16, 16) * 0.8;   // [T, B, in], one fixed batch
        using (layer.call(data)) { }
        var initial = layer.LastInputEnergy;
        for (var pass = 0; pass < 40; pass++) using (layer.call(data)) { }
        var learned = layer.LastInputEnergy;
        Assert.True(learned < 0.5 * initial, $"input prediction energy {initial} → {learned}");
    }

    [TorchTheory]
    [InlineData("""{"type":"predictive_coding","sizes":[6],"learning_rate":0}""", true)]
    [InlineData("""{"type":"predictive_coding","sizes":[6],"learning_rate":0.1}""", false)]
    public void Weights_ChangeOnlyWhenTrainingWithALearningRate(string json, bool training)
    {
        random.manual_seed(14);
        var layer = Build(json, 4);
        if (training) layer.train(); else layer.eval();
        var before = TrainingFixtures.Snapshot(layer);
        using (layer.call(rand(5, 3, 4))) { }
        var after = TrainingFixtures.Snapshot(layer);
        foreach (var (name, values) in before) Assert.Equal(values, after[name]);
    }

    [TorchTheory]
    [InlineData("""{"type":"predictive_coding"}""", "model.layers[1].sizes")]
    [InlineData("""{"type":"predictive_coding","sizes":[]}""", "model.layers[1].sizes")]
    [InlineData("""{"type":"predictive_coding","sizes":[8,0]}""", "model.layers[1].sizes[1]")]
    [InlineData("""{"type":"predictive_coding","sizes":[8],"tau":0.5}""", "model.layers[1].tau")]
    [InlineData("""{"type":"predictive_coding","sizes":[8],"learning_rate":-1}""", "model.layers[1].learning_rate")]
    [InlineData("""{"type":"predictive_coding","sizes":[8],"learning_rate":0,"feedback_learning_rate":0.1}""", "model.layers[1].feedback_learning_rate")]
    [InlineData("""{"type":"predictive_coding","sizes":[8],"gradient":"bptt"}""", "model.layers[1]")]
    public void BadConfig_NamesItsPath(string json, string path)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 4));
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void NonFlatInput_IsRefused_NamingTheLayer()
    {
        var error = Assert.Throws<LearningConfigException>(() => Build("""{"type":"predictive_coding","sizes":[8]}""", 1, 8, 8));
        Assert.StartsWith("model.layers[1]: predictive_coding needs a sample shape [features]", error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void Training_WithAReadout_LearnsTheProblem_AndIsDeterministic()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"predictive_coding","sizes":[24]},{"type":"linear","out":3}]""", epochs: 4, steps: 12), "predictive_coding");
        (double Accuracy, Dictionary<string, float[]> Weights) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            return (accuracy, TrainingFixtures.Snapshot(trainer.Network));
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.9, $"test accuracy {first.Accuracy}");
        Assert.Equal(first.Weights.Keys, second.Weights.Keys);
        Assert.Contains(first.Weights.Keys, k => k.Contains("generative_0", StringComparison.Ordinal));
        foreach (var (name, values) in first.Weights) Assert.Equal(values, second.Weights[name]);
    }
}

using Cortex.Learning.Attention;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;
using static Cortex.Learning.Tests.Attention.AttentionReference;

namespace Cortex.Learning.Tests.Attention;

/// <summary>
/// MA-SNN's multi-dimensional attention (Yao et al., TPAMI 2023): the block against an element-by-element
/// implementation of TA, CA and SA, gradients against finite differences, shapes, the combinations, bad keys and a
/// seeded training run.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class MultiDimensionalAttentionTests
{
    private static MultiDimensionalAttention Build(string json, params long[] shape) =>
        (MultiDimensionalAttention)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), shape).Module;

    [TorchFact]
    public void AllThreeStages_MatchTheEquationsWrittenOutByHand()
    {
        random.manual_seed(11);
        const int T = 4, B = 2, C = 6, H = 5, W = 5;
        var block = Build("""{"type":"ma","steps":4,"temporal_reduction":2,"channel_reduction":3,"kernel":3}""", C, H, W);
        block.to(float64);
        using var input = randn([T, B, C, H, W], dtype: float64);
        using var output = block.call(input);
        Assert.Equal(input.shape, output.shape);
        Assert.Equal(AttentionDimensions.Temporal | AttentionDimensions.Channel | AttentionDimensions.Spatial, block.Dimensions);

        var x = Values(input);
        var ta = block.Temporal!.Gate;
        Assert.Equal([2L, 4L], ta.SqueezeWeight.shape);   // ⌊T / r_t⌋ = 2
        var ca = block.Channel!.Gate;
        Assert.Equal([2L, 6L], ca.SqueezeWeight.shape);   // ⌊C / r_c⌋ = 2
        x = Temporal(x, T, B, C * H * W, Values(ta.SqueezeWeight), Values(ta.ExciteWeight), 2);
        x = Channel(x, T * B, C, H * W, Values(ca.SqueezeWeight), Values(ca.ExciteWeight), 2);
        x = Spatial(x, T * B, C, H, W, Values(block.Spatial!.Weight), 3);
        Assert.Equal(x, Values(output), (a, b) => Math.Abs(a - b) < 1e-10);
    }

    [TorchFact]
    public void OnFeatureVectors_TemporalAndChannelAttentionTreatFeaturesAsChannels()
    {
        random.manual_seed(12);
        var block = Build("""{"type":"ma","attention":["temporal","channel"],"steps":3,"channel_reduction":2}""", 8);
        block.to(float64);
        using var input = randn([3, 5, 8], dtype: float64);
        using var output = block.call(input);
        Assert.Equal(input.shape, output.shape);
        var x = Temporal(Values(input), 3, 5, 8, Values(block.Temporal!.Gate.SqueezeWeight), Values(block.Temporal.Gate.ExciteWeight), 3);
        x = Channel(x, 15, 8, 1, Values(block.Channel!.Gate.SqueezeWeight), Values(block.Channel.Gate.ExciteWeight), 4);
        Assert.Equal(x, Values(output), (a, b) => Math.Abs(a - b) < 1e-10);
    }

    [TorchTheory]
    [InlineData("[\"temporal\"]", AttentionDimensions.Temporal)]
    [InlineData("[\"channel\"]", AttentionDimensions.Channel)]
    [InlineData("[\"spatial\"]", AttentionDimensions.Spatial)]
    [InlineData("[\"spatial\",\"temporal\"]", AttentionDimensions.Spatial | AttentionDimensions.Temporal)]
    public void EachStage_CanBeUsedAlone_OrCombined_AndOnlyTurnsInputsDown(string list, AttentionDimensions expected)
    {
        random.manual_seed(13);
        var block = Build($$"""{"type":"ma","attention":{{list}},"steps":2}""", 4, 3, 3);
        Assert.Equal(expected, block.Dimensions);
        Assert.Equal(expected.HasFlag(AttentionDimensions.Temporal), block.Temporal is not null);
        Assert.Equal(expected.HasFlag(AttentionDimensions.Channel), block.Channel is not null);
        Assert.Equal(expected.HasFlag(AttentionDimensions.Spatial), block.Spatial is not null);
        using var input = randn([2, 3, 4, 3, 3]);
        using var output = block.call(input);
        // Gates lie in (0, 1): same sign, smaller magnitude, never exactly zero.
        var x = input.data<float>().ToArray();
        var y = output.data<float>().ToArray();
        for (var i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Sign(x[i]) == Math.Sign(y[i]) && Math.Abs(y[i]) < Math.Abs(x[i]) + 1e-7, $"element {i}: {x[i]} → {y[i]}");
        }
    }

    [TorchFact]
    public void Rectify_SetsNegativeMembraneInputsToZero()
    {
        random.manual_seed(14);
        var plain = Build("""{"type":"ma","attention":["channel"]}""", 4, 2, 2);
        random.manual_seed(14);
        var rectified = Build("""{"type":"ma","attention":["channel"],"rectify":true}""", 4, 2, 2);
        using var input = randn([2, 3, 4, 2, 2]);
        using var expected = nn.functional.relu(plain.call(input));
        using var output = rectified.call(input);
        Assert.Equal(expected.data<float>().ToArray(), output.data<float>().ToArray());
    }

    [TorchFact]
    public void Gradients_MatchFiniteDifferences_ForTheInputAndEveryWeight()
    {
        random.manual_seed(15);
        var block = Build("""{"type":"ma","steps":3,"temporal_reduction":1,"channel_reduction":2}""", 4, 4, 4);
        block.to(float64);
        using var input = randn([3, 2, 4, 4, 4], dtype: float64).requires_grad_();
        using var weights = randn([3, 2, 4, 4, 4], dtype: float64);
        var parameters = new List<(string, Tensor)> { ("input", input) };
        parameters.AddRange(block.named_parameters().Select(p => (p.name, (Tensor)p.parameter)));
        Assert.Equal(5, parameters.Count - 1);   // TA: 2 matrices, CA: 2 matrices, SA: 1 kernel
        FiniteDifferences.AssertGradientsMatch(() => (block.call(input) * weights).sum(), parameters, h: 1e-6, tolerance: 1e-6);
    }

    [TorchFact]
    public void AnInputWithAnotherT_IsRefused_NamingTheLayer()
    {
        var block = Build("""{"type":"ma","attention":["temporal"],"steps":4}""", 6);
        using var input = ones(3, 2, 6);
        var error = Assert.Throws<ArgumentException>(() => block.call(input));
        Assert.StartsWith("model.layers[1]: the input has 3 time steps, but the layer was built for steps = 4", error.Message, StringComparison.Ordinal);
    }

    [TorchTheory]
    [InlineData("\"steps\":4,\"attention\":[\"time\"]", "model.layers[1].attention[0]: expected \"temporal\", \"channel\" or \"spatial\", got \"time\"")]
    [InlineData("\"steps\":4,\"attention\":[]", "model.layers[1].attention: must list at least one")]
    [InlineData("\"steps\":4,\"attention\":\"temporal\"", "model.layers[1].attention: expected a list")]
    [InlineData("\"steps\":4,\"attention\":[\"channel\",\"channel\"]", "model.layers[1].attention[1]: \"channel\" is listed twice")]
    [InlineData("\"attention\":[\"temporal\"]", "model.layers[1].steps: is required by \"temporal\" attention")]
    [InlineData("\"steps\":4,\"kernel\":4", "model.layers[1].kernel: must be odd")]
    [InlineData("\"steps\":0", "model.layers[1].steps: must be between 1")]
    [InlineData("\"steps\":4,\"channel_reduction\":0", "model.layers[1].channel_reduction: must be between 1")]
    [InlineData("\"steps\":4,\"reduction\":2", "model.layers[1].reduction: unknown key")]
    public void BadKeys_NameTheConfigPath(string keys, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build($$"""{"type":"ma",{{keys}}}""", 4, 3, 3));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchTheory]
    [InlineData(new long[] { 8 }, "model.layers[1].attention: \"spatial\" needs a sample shape [C, H, W], got [8]")]
    [InlineData(new long[] { 2, 8 }, "model.layers[1]: ma needs a sample shape [features] or [C, H, W], got [2, 8]")]
    public void WrongShapes_NameTheConfigPath(long[] shape, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build("""{"type":"ma","steps":4}""", shape));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchTheory]
    [InlineData("""{"type":"ma","attention":["temporal","channel"]}""")]
    [InlineData("""{"type":"tcja"}""")]
    public void InAModel_StepsDefaultsToTheModelsT(string layer)
    {
        using var network = SpikingNetwork.FromJson(
            $$"""{"input_shape":[6],"steps":5,"layers":[{"type":"linear","out":8},{{layer}},{"type":"lif"},{"type":"linear","out":3}]}""", LearningRegistry.BuiltIn());
        var steps = network.Layers[1].Module switch
        {
            MultiDimensionalAttention ma => ma.Temporal!.Steps,
            TemporalChannelJointAttention tcja => tcja.Steps,
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
        Assert.Equal(5, steps);
        using var batch = rand(2, 6);
        using var output = network.call(batch);
        Assert.Equal([5L, 2, 3], output.shape);
    }

    [TorchTheory]
    [InlineData("""{"type":"ma","steps":4}""")]
    [InlineData("""{"type":"tcja","steps":4}""")]
    public void AStepsOtherThanTheModels_IsRefused_NamingTheKey(string layer)
    {
        var error = Assert.Throws<LearningConfigException>(() => SpikingNetwork.FromJson(
            $$"""{"input_shape":[2,4,4],"steps":6,"layers":[{{layer}},{"type":"lif"},{"type":"flatten"},{"type":"linear","out":3}]}""", LearningRegistry.BuiltIn()));
        Assert.Equal("model.layers[0].steps: is 4, but the model runs 6 time steps (model.steps); leave it out to use the model's", error.Message);
    }

    [TorchFact]
    public void TrainingWithAttention_LearnsTheProblem_AndIsDeterministic()
    {
        // Two gates near 0.5 at initialisation pass about a quarter of the input: a lower threshold keeps the
        // untrained network spiking on these [0, 1] features (with θ = 1 it starts silent and cannot learn).
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"linear","out":16},{"type":"ma","attention":["temporal","channel"],"steps":4},{"type":"lif","tau":2,"threshold":0.3},{"type":"linear","out":3}]""",
            epochs: 4), "ma");
        (double Accuracy, float[] Gate) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            var block = (MultiDimensionalAttention)trainer.Network.Layers[1].Module;
            return (accuracy, block.Channel!.Gate.SqueezeWeight.data<float>().ToArray());
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.9, $"test accuracy {first.Accuracy}");
        Assert.Equal(first.Accuracy, second.Accuracy);
        Assert.Equal(first.Gate, second.Gate);
    }
}

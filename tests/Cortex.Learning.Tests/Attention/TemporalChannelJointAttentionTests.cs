using Cortex.Learning.Attention;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;
using static Cortex.Learning.Tests.Attention.AttentionReference;

namespace Cortex.Learning.Tests.Attention;

/// <summary>
/// TCJA-SNN's temporal-channel joint attention (Zhu et al., TNNLS 2024): the block against the equations written
/// out element by element, its joint receptive field, gradients against finite differences, bad keys and a
/// seeded training run.
/// </summary>
[Collection(TorchGlobalState.Name)]
public sealed class TemporalChannelJointAttentionTests
{
    private static TemporalChannelJointAttention Build(string json, params long[] shape) =>
        (TemporalChannelJointAttention)LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[2]"), shape).Module;

    [TorchTheory]
    [InlineData(3, 3)]
    [InlineData(2, 4)]   // even windows: the extra zero on the right, as PyTorch's padding='same'
    [InlineData(1, 1)]
    public void Gate_MatchesTheEquationsWrittenOutByHand(int kernelTime, int kernelChannel)
    {
        random.manual_seed(21);
        const int T = 5, B = 2, C = 6, H = 3, W = 4;
        var block = Build($$"""{"type":"tcja","steps":5,"kernel_time":{{kernelTime}},"kernel_channel":{{kernelChannel}}}""", C, H, W);
        block.to(float64);
        Assert.Equal([(long)C, C, kernelTime], block.TemporalWeight.shape);
        Assert.Equal([(long)T, T, kernelChannel], block.ChannelWeight.shape);
        using var input = randn([T, B, C, H, W], dtype: float64);
        using var output = block.call(input);
        Assert.Equal(input.shape, output.shape);
        var expected = JointAttention(Values(input), T, B, C, H * W, Values(block.TemporalWeight), kernelTime, Values(block.ChannelWeight), kernelChannel);
        Assert.Equal(expected, Values(output), (a, b) => Math.Abs(a - b) < 1e-10);
    }

    [TorchFact]
    public void OnFeatureVectors_TheFeaturesAreTheChannels()
    {
        random.manual_seed(22);
        var block = Build("""{"type":"tcja","steps":4,"kernel_time":2,"kernel_channel":3}""", 7);
        block.to(float64);
        using var input = randn([4, 3, 7], dtype: float64);
        using var output = block.call(input);
        Assert.Equal(input.shape, output.shape);
        var expected = JointAttention(Values(input), 4, 3, 7, 1, Values(block.TemporalWeight), 2, Values(block.ChannelWeight), 3);
        Assert.Equal(expected, Values(output), (a, b) => Math.Abs(a - b) < 1e-10);
    }

    [TorchFact]
    public void EveryGate_SeesTheWholeStepRowAndChannelColumn_EvenWithWindowsOfOne()
    {
        // TLA at (t, c) reads all channels of step t; CLA reads all steps of channel c; their product couples both.
        random.manual_seed(23);
        var block = Build("""{"type":"tcja","steps":4,"kernel_time":1,"kernel_channel":1}""", 5);
        block.to(float64);
        using var input = randn([4, 1, 5], dtype: float64);
        using var before = block.Gate(input);
        using var nudged = input.clone();
        using (no_grad()) nudged[0, 0, 0].add_(1.0);
        using var after = block.Gate(nudged);
        var changed = (before - after).abs().gt(1e-12).reshape(4, 5);
        for (var t = 0; t < 4; t++)
        {
            for (var c = 0; c < 5; c++)
            {
                var expected = t == 0 || c == 0;   // the nudged step's row and the nudged channel's column
                Assert.Equal(expected, changed[t, c].item<bool>());
            }
        }
    }

    [TorchFact]
    public void Gradients_MatchFiniteDifferences_ForTheInputAndBothConvolutions()
    {
        random.manual_seed(24);
        var block = Build("""{"type":"tcja","steps":4,"kernel_time":3,"kernel_channel":2}""", 5, 3, 3);
        block.to(float64);
        using var input = randn([4, 2, 5, 3, 3], dtype: float64).requires_grad_();
        using var weights = randn([4, 2, 5, 3, 3], dtype: float64);
        FiniteDifferences.AssertGradientsMatch(() => (block.call(input) * weights).sum(),
            [("input", input), ("tla", block.TemporalWeight), ("cla", block.ChannelWeight)], h: 1e-6, tolerance: 1e-6);
    }

    [TorchFact]
    public void AnInputWithAnotherT_IsRefused_NamingTheLayer()
    {
        var block = Build("""{"type":"tcja","steps":4}""", 6);
        using var input = ones(2, 3, 6);
        var error = Assert.Throws<ArgumentException>(() => block.call(input));
        Assert.StartsWith("model.layers[2]: the input has 2 time steps and 6 channels, but the layer was built for steps = 4", error.Message, StringComparison.Ordinal);
    }

    [TorchTheory]
    [InlineData("", "model.layers[2].steps: is required by tcja")]
    [InlineData("\"steps\":4,\"kernel_time\":5", "model.layers[2].kernel_time: must be at most steps (4), got 5")]
    [InlineData("\"steps\":4,\"kernel_channel\":9", "model.layers[2].kernel_channel: must be at most the channel count (6), got 9")]
    [InlineData("\"steps\":4,\"kernel_time\":0", "model.layers[2].kernel_time: must be between 1")]
    [InlineData("\"steps\":4,\"kernel\":3", "model.layers[2].kernel: unknown key")]
    public void BadKeys_NameTheConfigPath(string keys, string message)
    {
        var json = keys.Length == 0 ? """{"type":"tcja"}""" : $$"""{"type":"tcja",{{keys}}}""";
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 6, 2, 2));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [TorchFact]
    public void TrainingWithTcja_LearnsTheProblem_AndIsDeterministic()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"linear","out":16},{"type":"tcja","steps":4},{"type":"lif","tau":2},{"type":"linear","out":3}]""",
            epochs: 4), "tcja");
        (double Accuracy, float[] Weight) Run()
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            var accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            return (accuracy, ((TemporalChannelJointAttention)trainer.Network.Layers[1].Module).ChannelWeight.data<float>().ToArray());
        }
        var first = Run();
        var second = Run();
        Assert.True(first.Accuracy >= 0.9, $"test accuracy {first.Accuracy}");
        Assert.Equal(first.Accuracy, second.Accuracy);
        Assert.Equal(first.Weight, second.Weight);
    }
}

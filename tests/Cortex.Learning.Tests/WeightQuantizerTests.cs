using Cortex.Learning.Export;
using Cortex.Learning.Layers;
using Cortex.Learning.Quantization;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Cortex.Nir.Nodes;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>Quantisation-aware training: the levels, the straight-through gradient, the config key, training and export.</summary>
[Collection(TorchGlobalState.Name)]
public sealed class WeightQuantizerTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    [TorchTheory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(2)]
    public void Quantize_GivesSymmetricIntegerLevels_WithinHalfAStep(int bits)
    {
        random.manual_seed(3);
        using var weight = randn(64, 32);
        var quantizer = new WeightQuantizer(bits);
        using var quantized = quantizer.Quantize(weight);
        var levels = (1 << (bits - 1)) - 1;
        var w = weight.data<float>().ToArray();
        var q = quantized.data<float>().ToArray();
        var scale = w.Max(Math.Abs) / levels;
        Assert.Equal(scale, quantizer.Scale(weight), 5);
        for (var i = 0; i < w.Length; i++)
        {
            var level = q[i] / scale;
            Assert.True(Math.Abs(level - Math.Round(level)) < 1e-3 && Math.Abs(level) <= levels + 1e-3, $"q[{i}] = {q[i]} is not a level of {scale}");
            Assert.True(Math.Abs(q[i] - w[i]) <= (scale / 2) + 1e-6, $"w[{i}] = {w[i]} → {q[i]}: more than half a step");
        }
        // The largest weight maps to the top level exactly; at most 2·levels + 1 distinct values.
        Assert.Equal(w.Max(Math.Abs), q.Max(Math.Abs), 5);
        Assert.True(q.Distinct().Count() <= (2 * levels) + 1);
    }

    [TorchFact]
    public void FakeQuantize_IsQuantizedForward_AndStraightThroughBackward()
    {
        random.manual_seed(4);
        using var weight = randn(5, 7).requires_grad_();
        using var coefficients = randn(5, 7);
        var quantizer = new WeightQuantizer(4);
        using var output = quantizer.FakeQuantize(weight);
        using var expected = quantizer.Quantize(weight);
        Assert.True(output.allclose(expected, rtol: 0, atol: 0));
        // d/dw Σ c·q(w) under the STE is c itself: q is taken as the identity in the backward pass.
        using var loss = (output * coefficients).sum();
        loss.backward();
        Assert.True(weight.grad!.allclose(coefficients));
    }

    [TorchFact]
    public void QuantizedLinear_Gradient_IsTheFloatLayersGradientAtTheQuantizedWeights_WhichMatchesFiniteDifferences()
    {
        random.manual_seed(5);
        var quantized = (TimeDistributedLinear)Build("""{"type": "linear", "out": 3, "weight_bits": 4}""", 6).Module;
        var plain = (TimeDistributedLinear)Build("""{"type": "linear", "out": 3}""", 6).Module;
        using (no_grad())
        {
            using var deployed = quantized.DeployedWeight();
            plain.Weight.copy_(deployed);
            plain.Bias!.copy_(quantized.Bias!);
        }
        using var input = randn(2, 4, 6);
        using var target = randn(2, 4, 3);
        Tensor Loss(TimeDistributedLinear layer) => (layer.call(input) - target).pow(2).sum();
        using (var q = Loss(quantized)) q.backward();
        using (var p = Loss(plain)) p.backward();
        Assert.True(quantized.Weight.grad!.allclose(plain.Weight.grad!, rtol: 1e-5, atol: 1e-5));
        plain.Weight.grad!.zero_();
        plain.Bias.grad!.zero_();
        FiniteDifferences.AssertGradientsMatch(() => Loss(plain), [("weight", plain.Weight)], h: 1e-3, tolerance: 2e-2, absoluteTolerance: 1e-2);
    }

    [TorchFact]
    public void QuantizedConv_ForwardUsesTheQuantizedKernels_AndKeepsTheShape()
    {
        random.manual_seed(6);
        var built = Build("""{"type": "conv2d", "out": 4, "kernel": 3, "padding": 1, "weight_bits": 8}""", 2, 5, 5);
        var conv = (TimeDistributedConv2d)built.Module;
        using var input = rand([3, 2, 2, 5, 5]);
        using var output = conv.call(input);
        Assert.Equal([3L, 2L, .. built.OutputShape], output.shape);
        using var deployed = conv.DeployedWeight();
        using var expected = nn.functional.conv2d(input.flatten(0, 1), deployed, conv.Bias, [1, 1], [1, 1]).unflatten(0, [3, 2]);
        Assert.True(output.allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.Equal(8, conv.Quantizer!.Bits);
    }

    [TorchTheory]
    [InlineData("1", "must be between 2 and 16, got 1")]
    [InlineData("17", "must be between 2 and 16, got 17")]
    [InlineData("\"8\"", "expected a whole number")]
    public void BadWeightBits_NameTheConfigPath(string value, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build($$"""{"type": "linear", "out": 3, "weight_bits": {{value}}}""", 6));
        Assert.StartsWith("model.layers[1].weight_bits: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [TorchFact]
    public void FourBitTraining_LearnsTheProblem_AndIsSeededDeterministic()
    {
        var config = TrainingConfig.Parse(TrainingFixtures.Config(
            layers: """[{"type":"linear","out":16,"weight_bits":4},{"type":"lif","tau":2},{"type":"linear","out":3,"weight_bits":4}]""",
            epochs: 6), "qat");
        float[] Run(out double accuracy)
        {
            using var train = TrainingFixtures.Separable(90, seed: 1);
            using var test = TrainingFixtures.Separable(30, seed: 2);
            using var trainer = Trainer.Create(config, TrainingFixtures.Registry());
            accuracy = trainer.Run(train, test)[^1].TestAccuracy;
            using var deployed = ((TimeDistributedLinear)trainer.Network.Layers[0].Module).DeployedWeight();
            return deployed.data<float>().ToArray();
        }
        var first = Run(out var accuracy);
        var second = Run(out _);
        Assert.True(accuracy >= 0.9, $"4-bit test accuracy {accuracy}");
        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() <= 15, $"{first.Distinct().Count()} distinct 4-bit weights");
    }

    [TorchFact]
    public void NirExport_WritesTheQuantizedWeights()
    {
        random.manual_seed(7);
        using var network = SpikingNetwork.FromJson(
            """{"input_shape":[6],"steps":2,"layers":[{"type":"linear","out":8,"weight_bits":4},{"type":"lif","tau":2},{"type":"linear","out":3}]}""",
            LearningRegistry.BuiltIn());
        var graph = NirExporter.Export(network);
        var affine = (NirAffine)graph.Nodes["0_linear"];
        using var deployed = ((TimeDistributedLinear)network.Layers[0].Module).DeployedWeight();
        Assert.Equal(deployed.data<float>().ToArray(), affine.Weight.Data);
        Assert.True(affine.Weight.Data.Distinct().Count() <= 15);
    }
}

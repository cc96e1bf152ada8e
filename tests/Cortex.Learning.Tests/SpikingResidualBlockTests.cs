using Cortex.Learning.Layers;
using Cortex.Learning.Registry;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

[Collection(TorchGlobalState.Name)]
public class SpikingResidualBlockTests
{
    private static BuiltLayer Build(string json, params long[] inputShape) =>
        LearningRegistry.BuiltIn().BuildLayer(ConfigNode.Parse(json, "model.layers[1]"), inputShape);

    private const string BasicBranch = """
        [{"type": "lif"}, {"type": "conv2d", "out": 2, "kernel": 3, "padding": 1, "bias": false}, {"type": "tdbn"},
         {"type": "lif"}, {"type": "conv2d", "out": 2, "kernel": 3, "padding": 1, "bias": false}, {"type": "tdbn"}]
        """;

    private static Tensor Currents(params long[] sampleShape)
    {
        manual_seed(5);
        return rand([4, 3, .. sampleShape]) * 3;
    }

    private static Tensor RunBranch(SpikingResidualBlock block, Tensor input)
    {
        var x = input;
        foreach (var layer in block.Branch) x = layer.call(x);
        return x;
    }

    [TorchFact]
    public void IdentityShortcutAddsTheInputToTheBranch()
    {
        var built = Build($$"""{"type": "residual", "layers": {{BasicBranch}}}""", 2, 6, 6);
        var block = (SpikingResidualBlock)built.Module;
        block.eval();   // the branch runs twice below; evaluation keeps tdbn deterministic
        Assert.Null(block.Shortcut);
        Assert.Equal([2L, 6L, 6L], built.OutputShape);
        using var input = Currents(2, 6, 6);
        using var output = block.call(input);
        using var expected = RunBranch(block, input) + input;
        Assert.Equal([4L, 3L, .. built.OutputShape], output.shape);
        Assert.True(output.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [TorchFact]
    public void ConvShortcutProjectsWhenTheBranchChangesChannelsAndSize()
    {
        const string branch = """
            [{"type": "lif"}, {"type": "conv2d", "out": 4, "kernel": 3, "stride": 2, "padding": 1}, {"type": "tdbn"}]
            """;
        var built = Build($$"""{"type": "residual", "layers": {{branch}}}""", 2, 6, 6);
        var block = (SpikingResidualBlock)built.Module;
        block.eval();
        var shortcut = Assert.IsType<ProjectionShortcut>(block.Shortcut);
        var conv = Assert.IsType<TimeDistributedConv2d>(shortcut.Projection);
        Assert.Equal(SpatialPair.Square(1), conv.Kernel);
        Assert.Equal(SpatialPair.Square(2), conv.Stride);
        Assert.Equal(4L, conv.OutChannels);
        Assert.Equal([4L, 3L, 3L], built.OutputShape);
        using var input = Currents(2, 6, 6);
        using var output = block.call(input);
        using var expected = RunBranch(block, input) + shortcut.call(input);
        Assert.Equal([4L, 3L, .. built.OutputShape], output.shape);
        Assert.True(output.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [TorchFact]
    public void FeatureVectorBlocksProjectWithALinearMap()
    {
        var built = Build("""{"type": "residual", "layers": [{"type": "lif"}, {"type": "linear", "out": 7}]}""", 5);
        var block = (SpikingResidualBlock)built.Module;
        Assert.IsType<TimeDistributedLinear>(Assert.IsType<ProjectionShortcut>(block.Shortcut).Projection);
        using var output = block.call(Currents(5));
        Assert.Equal([4L, 3L, 7L], output.shape);
    }

    [TorchFact]
    public void GradientsReachEveryParameterOfBranchAndShortcut()
    {
        const string branch = """
            [{"type": "lif"}, {"type": "conv2d", "out": 3, "kernel": 3, "padding": 1}, {"type": "tdbn"},
             {"type": "plif"}, {"type": "conv2d", "out": 3, "kernel": 3, "padding": 1}, {"type": "tdbn"}]
            """;
        var block = Build($$"""{"type": "residual", "layers": {{branch}}, "shortcut": "conv"}""", 2, 5, 5).Module;
        // Spiking layers compute in float32: over 2e-3 the central difference is within 1 % + 0.1 (the loss's rounding).
        using var input = Currents(2, 5, 5);
        var parameters = block.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList();
        Assert.True(parameters.Count >= 10, $"only {parameters.Count} parameters");
        // The shortcut's convolution reaches the loss without a spike threshold on the way (the branch does not depend
        // on it): its gradients are the loss's finite differences. The branch's, through surrogates, must be finite
        // and not all zero.
        var shortcut = parameters.Where(p => p.name.StartsWith("shortcut", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(shortcut);
        FiniteDifferences.AssertGradientsMatch(() => block.call(input).square().sum(), shortcut, h: 2e-3, tolerance: 1e-2, absoluteTolerance: 0.1);
        FiniteDifferences.AssertFiniteAndNonZero(parameters);
    }

    [TorchTheory]
    [InlineData("""{"type": "residual", "layers": [{"type": "lif"}, {"type": "conv2d", "out": 4, "kernel": 3, "padding": 1}], "shortcut": "identity"}""",
        "model.layers[1].shortcut: \"identity\" needs the branch to keep the shape [2, 6, 6], but it gives [4, 6, 6]")]
    [InlineData("""{"type": "residual", "layers": [{"type": "conv2d", "out": 2, "kernel": 3, "padding": 1}, {"type": "lif"}]}""",
        "model.layers[1].layers[0]: the residual branch must start with a spiking neuron layer")]
    [InlineData("""{"type": "residual", "layers": [{"type": "lif"}, {"type": "conv2d", "out": 2, "kernel": 0}]}""",
        "model.layers[1].layers[1].kernel: must be >= 1, got 0")]
    [InlineData("""{"type": "residual", "layers": []}""", "model.layers[1].layers: is required")]
    [InlineData("""{"type": "residual", "layers": [{"type": "lif"}], "shortcut": "sum"}""", "model.layers[1].shortcut: expected \"identity\" or \"conv\", got \"sum\"")]
    [InlineData("""{"type": "residual", "layers": [{"type": "lif"}, {"type": "flatten"}]}""", "model.layers[1].shortcut: no 1x1 convolution maps")]
    public void ConfigErrorsNameThePath(string json, string message)
    {
        var error = Assert.Throws<LearningConfigException>(() => Build(json, 2, 6, 6));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

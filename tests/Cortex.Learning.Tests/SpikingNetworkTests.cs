using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using static TorchSharp.torch;

namespace Cortex.Learning.Tests;

/// <summary>Building a network from the model config: shapes tracked layer by layer, output [T, B, classes], errors with paths.</summary>
public sealed class SpikingNetworkTests
{
    private const string Conv = """
        {"input_shape": [1, 8, 8], "steps": 3, "encoder": {"type": "direct"},
         "layers": [{"type": "conv2d", "out": 4, "kernel": 3, "padding": 1}, {"type": "plif", "tau": 2},
                    {"type": "avgpool", "kernel": 2}, {"type": "flatten"}, {"type": "linear", "out": 10}]}
        """;

    [TorchFact]
    public void Build_TracksShapesAndKeepsTheLayersInOrder()
    {
        using var network = SpikingNetwork.FromJson(Conv, TrainingFixtures.Registry());
        Assert.Equal(["conv2d", "plif", "avgpool", "flatten", "linear"], network.Layers.Select(l => l.Type));
        Assert.Equal([0, 1, 2, 3, 4], network.Layers.Select(l => l.Index));
        Assert.Equal([1L, 8, 8], network.Layers[0].InputShape);
        Assert.Equal([4L, 8, 8], network.Layers[0].OutputShape);
        Assert.Equal([4L, 4, 4], network.Layers[2].OutputShape);
        Assert.Equal([64L], network.Layers[3].OutputShape);
        Assert.Equal([10L], network.Layers[4].OutputShape);
        Assert.IsType<ParametricLifNeuron>(network.Layers[1].Module);
        Assert.Contains("\"kernel\": 3", network.Layers[0].ConfigJson, StringComparison.Ordinal);
        Assert.Equal(10, network.ClassCount);
        Assert.Equal(3, network.Steps);
        // Parameter names follow the layer order, which exporters rely on.
        Assert.Contains("layers.0.weight", network.state_dict().Keys);
        Assert.Contains("layers.1.leak_logit", network.state_dict().Keys);
        Assert.Contains("layers.4.bias", network.state_dict().Keys);
    }

    [TorchFact]
    public void Forward_EncodesAndReturnsTimeBatchClasses()
    {
        using var network = SpikingNetwork.FromJson(Conv, TrainingFixtures.Registry());
        using var batch = rand(5, 1, 8, 8);
        using var output = network.call(batch);
        Assert.Equal([3L, 5, 10], output.shape);
    }

    [TorchFact]
    public void Forward_RejectsAWrongSampleShape()
    {
        using var network = SpikingNetwork.FromJson(Conv, TrainingFixtures.Registry());
        using var batch = rand(5, 64);
        var error = Assert.Throws<ArgumentException>(() => network.call(batch));
        Assert.Contains("[B, 1, 8, 8]", error.Message, StringComparison.Ordinal);
    }

    [TorchTheory]
    [InlineData("""{"input_shape": [6], "steps": 2, "layers": [{"type": "linaer", "out": 3}]}""", "model.layers[0].type: unknown layer type 'linaer'")]
    [InlineData("""{"input_shape": [6], "steps": 0, "layers": [{"type": "linear", "out": 3}]}""", "model.steps: must be between 1 and 10000, got 0")]
    [InlineData("""{"input_shape": [6], "steps": 2, "layers": [{"type": "linear", "out": 3}, {"type": "lif", "tau": -1}]}""", "model.layers[1].tau:")]
    [InlineData("""{"input_shape": [6], "steps": 2, "layers": [{"type": "linear", "out": 3, "outs": 4}]}""", "model.layers[0].outs: unknown key")]
    [InlineData("""{"input_shape": [6], "steps": 2, "encoder": {"type": "morse"}, "layers": [{"type": "linear", "out": 3}]}""", "model.encoder.type: unknown encoder 'morse'")]
    [InlineData("""{"input_shape": [6], "steps": 2, "layers": []}""", "model.layers: must list at least one layer")]
    [InlineData("""{"input_shape": [1, 8, 8], "steps": 2, "layers": [{"type": "conv2d", "out": 3, "kernel": 3}]}""", "model.layers[0]: the last layer must output one score per class")]
    [InlineData("""{"input_shape": [6, 0], "steps": 2, "layers": [{"type": "linear", "out": 3}]}""", "model.input_shape[1]: must be >= 1, got 0")]
    [InlineData("""{"input_shape": [6], "step": 2, "layers": [{"type": "linear", "out": 3}]}""", "model.steps: is required")]
    public void Build_ErrorsNameThePath(string model, string expected)
    {
        var error = Assert.Throws<LearningConfigException>(() => SpikingNetwork.FromJson(model, TrainingFixtures.Registry()));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}

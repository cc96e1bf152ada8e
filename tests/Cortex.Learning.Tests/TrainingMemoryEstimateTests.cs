using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.Tests;

/// <summary>
/// The training memory estimate counts what the model's shapes say, and a layer too large for memory is refused
/// before its weights are allocated (issue 18: the campaign once drove libtorch's allocator out of memory).
/// </summary>
public class TrainingMemoryEstimateTests
{
    [TorchFact]
    public void CountsParametersAndActivationsFromTheShapes()
    {
        using var network = SpikingNetwork.FromJson("""
            {"input_shape": [4], "steps": 5, "layers": [
              {"type": "linear", "out": 3}, {"type": "lif"}, {"type": "linear", "out": 2, "bias": false}]}
            """, LearningRegistry.BuiltIn());

        var estimate = TrainingMemoryEstimate.For(network, batchSize: 2);

        // Counted by hand: weights 4·3 + 3 biases and 3·2; per sample and step, the input (4) and the outputs 3, 3, 2.
        Assert.Equal(4 * 3 + 3 + 3 * 2, estimate.Parameters);
        Assert.Equal((4 + 3 + 3 + 2) * 2 * 5, estimate.ActivationValues);
        // float32; four copies of a parameter while training, four tensors per activation; two and one when evaluating.
        Assert.Equal(21 * 4 * 4 + 120 * 4 * 4, estimate.TrainingBytes);
        Assert.Equal(21 * 4 + 120 * 4 * 2, estimate.EvaluationBytes);
        Assert.Null(estimate.TrainingProblem(availableBytes: 2256));
        Assert.Contains("training needs about 0.0 GB of memory (21 parameters; 120 activation values for a batch of 2 over 5 steps)",
            estimate.TrainingProblem(availableBytes: 2255), StringComparison.Ordinal);
    }

    [TorchFact]
    public void ALayerWhoseWeightsCannotFit_IsRefusedBeforeTheyAreAllocated()
    {
        // 2³¹−1 outputs of 10⁶ inputs: 2.1·10¹⁵ weights, 32 PB to train; allocating them would fail in libtorch, so
        // reaching the factory's check is the only way this returns at once with a config error.
        var error = Assert.Throws<LearningConfigException>(() => LearningRegistry.BuiltIn().BuildLayer(
            ConfigNode.Parse("""{"type": "linear", "out": 2147483647, "bias": false}""", "model.layers[3]"), [1_000_000]));
        Assert.StartsWith("model.layers[3]: its 2.15E+15 weights need about 32000000.0 GB of memory to train", error.Message, StringComparison.Ordinal);
    }
}

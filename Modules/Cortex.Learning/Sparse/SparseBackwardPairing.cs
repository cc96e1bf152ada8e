using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.Sparse;

/// <summary>
/// Finds the layers of a network that asked for <c>sparse_backward</c> and pairs each with the <c>linear</c> layer
/// before it. A neuron layer that asked but cannot be paired (no linear layer right before it, or a charge with
/// learned parameters such as <c>plif</c> or a learned threshold) is a config error naming its key.
/// </summary>
public static class SparseBackwardPairing
{
    /// <summary>One entry per layer: the pair that starts at that (linear) layer, else null.</summary>
    public static SparseSynapticPair?[] Pair(IReadOnlyList<NetworkLayer> layers, string modelPath = "model")
    {
        ArgumentNullException.ThrowIfNull(layers);
        var pairs = new SparseSynapticPair?[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Module is not SpikingNeuron { Options.Surrogate: BandLimitedSurrogate surrogate } neuron) continue;
            var key = $"{modelPath}.layers[{i}].{SparseBackwardOption.Key}";
            if (neuron.FusableCharge is not { } charge)
                throw new LearningConfigException($"{key}: needs a \"lif\" (fixed tau, no learn_threshold) or \"if\" layer; \"{layers[i].Type}\" here has learned charge parameters");
            if (i == 0 || layers[i - 1].Module is not TimeDistributedLinear linear)
                throw new LearningConfigException($"{key}: needs a \"linear\" layer right before it (the sparse pass computes that layer's gradients); found {(i == 0 ? "nothing" : $"\"{layers[i - 1].Type}\"")}");
            pairs[i - 1] = new SparseSynapticPair(i - 1, linear, neuron, charge, surrogate);
        }
        return pairs;
    }
}

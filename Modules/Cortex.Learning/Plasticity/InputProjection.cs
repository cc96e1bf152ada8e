namespace Cortex.Learning.Plasticity;

/// <summary>How a <see cref="PlasticRecurrentLayer"/> receives its input x_t.</summary>
public enum InputProjection
{
    /// <summary>Through learned weights and biases, W·x_t + b (initialised as PyTorch's <c>nn.Linear</c>).</summary>
    Linear,

    /// <summary>
    /// Added unweighted, one input per neuron (the input size must equal the layer size): the paper's
    /// pattern-completion network, where a strong input clamps each neuron to its bit.
    /// </summary>
    Direct,
}

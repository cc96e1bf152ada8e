namespace Cortex.Learning.EventProp;

/// <summary>One linear → lif pair of an EventProp model: how many neurons, their constants and the weights' initial distribution.</summary>
/// <param name="Neurons">Neurons in the layer (the linear layer's <c>out</c>).</param>
/// <param name="Neuron">The lif layer's τ_mem, τ_syn and threshold.</param>
/// <param name="InitMean">Mean of the normal distribution the weights start from.</param>
/// <param name="InitStd">Its standard deviation.</param>
public sealed record EventPropLayerConfig(int Neurons, CurrentLif Neuron, double InitMean, double InitStd);

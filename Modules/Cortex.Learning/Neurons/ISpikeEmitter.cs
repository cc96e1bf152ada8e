namespace Cortex.Learning.Neurons;

/// <summary>
/// A layer whose outputs are spikes (0 or 1): every neuron layer, and spike layers that are not
/// <see cref="SpikingNeuron"/>s (e.g. the one-step Hoyer layer). Cost reports count their activity.
/// </summary>
public interface ISpikeEmitter;

using Cortex.Learning.Neurons;
using static TorchSharp.torch;

namespace Cortex.Learning.Sparse;

/// <summary>What <see cref="SparseSynapticFunction"/> needs from its pair, and what it reports back.</summary>
internal sealed class SparseSynapticSettings(FixedCharge charge, NeuronOptions neuron, SparseActivity activity)
{
    public FixedCharge Charge { get; } = charge;

    public NeuronOptions Neuron { get; } = neuron;

    public bool InputNeedsGradient { get; set; }

    public bool BiasNeedsGradient { get; set; }

    public Tensor? FinalMembrane { get; set; }

    public void Record(long inBand, long total) => activity.Add(inBand, total);
}

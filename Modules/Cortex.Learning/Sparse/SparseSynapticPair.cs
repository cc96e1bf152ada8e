using Cortex.Learning.Layers;
using Cortex.Learning.Neurons;
using static TorchSharp.torch;

namespace Cortex.Learning.Sparse;

/// <summary>
/// A <c>linear</c> layer and the <c>lif</c>/<c>if</c> layer after it with <c>sparse_backward</c>, run together in
/// training so the backward pass skips inactive neurons (<see cref="SparseSynapticFunction"/>). Both modules keep
/// their parameters and names (checkpoints are unchanged); the pair only routes the computation. In evaluation,
/// or where the input is not [T, B, in], the network runs the two layers one after the other as usual: the
/// forward spikes are the same either way.
/// </summary>
public sealed class SparseSynapticPair
{
    private readonly FixedCharge _charge;

    internal SparseSynapticPair(int linearIndex, TimeDistributedLinear synapses, SpikingNeuron neurons, FixedCharge charge, BandLimitedSurrogate surrogate)
    {
        LinearIndex = linearIndex;
        Synapses = synapses;
        Neurons = neurons;
        Surrogate = surrogate;
        _charge = charge;
    }

    /// <summary>Position of the linear layer in <c>model.layers</c>; the neuron layer is the next one.</summary>
    public int LinearIndex { get; }

    /// <summary>The linear layer (its weight, bias and optional quantiser are used as configured).</summary>
    public TimeDistributedLinear Synapses { get; }

    /// <summary>The neuron layer.</summary>
    public SpikingNeuron Neurons { get; }

    /// <summary>The band-limited surrogate of the neuron layer.</summary>
    public BandLimitedSurrogate Surrogate { get; }

    /// <summary>The active fraction seen by this pair's backward passes.</summary>
    public SparseActivity Activity { get; } = new();

    /// <summary>True for input this pair can run: [T, B, in] float32 with the linear layer's input width.</summary>
    public bool Accepts(Tensor input) =>
        input.dim() == 3 && input.shape[2] == Synapses.InFeatures && input.dtype == ScalarType.Float32;

    /// <summary>Spikes [T, B, out] of the neuron layer for <paramref name="input"/> [T, B, in].</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Accepts(input))
            throw new ArgumentException($"sparse pair at layer {LinearIndex}: expected input [T, B, {Synapses.InFeatures}] float32, got [{string.Join(", ", input.shape)}] {input.dtype}", nameof(input));
        using var scope = NewDisposeScope();
        var weight = Synapses.Quantizer is { } quantizer ? quantizer.FakeQuantize(Synapses.Weight) : Synapses.Weight;
        var bias = Synapses.Bias ?? zeros(Synapses.OutFeatures, float32);
        var settings = new SparseSynapticSettings(_charge, Neurons.Options, Activity);
        var spikes = SparseSynapticFunction.Run(input, weight, bias, settings);
        settings.FinalMembrane?.MoveToOuterDisposeScope();
        Neurons.AdoptMembrane(settings.FinalMembrane);
        return spikes.MoveToOuterDisposeScope();
    }
}

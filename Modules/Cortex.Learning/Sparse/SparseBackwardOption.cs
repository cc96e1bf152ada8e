using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;

namespace Cortex.Learning.Sparse;

/// <summary>
/// The <c>sparse_backward</c> key of a neuron layer: <c>{"band": 0.5}</c> cuts the surrogate to the band
/// |v − θ| &lt; band and, where the layer follows a <c>linear</c> layer, runs both with the sparse backward pass
/// (<see cref="SparseSynapticPair"/>). The paper's gradient ignores the reset, which for our layers is exactly
/// <c>"reset": "subtract"</c> with <c>"detach_reset": true</c>; other combinations are refused, naming the key,
/// so that the sparse and the dense pass always compute the same gradient.
/// </summary>
public static class SparseBackwardOption
{
    /// <summary>The config key.</summary>
    public const string Key = "sparse_backward";

    /// <summary>The band used when <c>sparse_backward</c> gives none.</summary>
    public const double DefaultBand = 0.5;

    /// <summary>Returns <paramref name="options"/> with a band-limited surrogate when the layer asks for a sparse backward pass.</summary>
    public static NeuronOptions Apply(ConfigNode config, NeuronOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (!config.Has(Key)) return options;
        var node = config.Child(Key)!;
        var band = node.Number("band", DefaultBand, 0, exclusiveMin: true);
        node.RejectUnknownKeys();
        if (options.Reset != ResetMode.Subtract || !options.DetachReset)
            throw config.Error(Key, "the sparse gradient ignores the reset (Perez-Nieves & Goodman 2021); set \"reset\": \"subtract\" and \"detach_reset\": true on this layer");
        return options with { Surrogate = new BandLimitedSurrogate(options.Surrogate, band) };
    }
}

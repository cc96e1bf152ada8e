using Cortex.Spec;

namespace Cortex.Nir.Engine;

/// <summary>
/// A feed-forward NIR graph as an engine network. <see cref="Template"/> holds the neuron layers,
/// the projections between them (explicit connections, one-step delay, pulse currents) and the bias
/// currents; what changes per sample — the input layer's current W·x + b — is applied by
/// <see cref="EngineInference"/> through <see cref="InputMap"/> and <see cref="InputGain"/>.
/// </summary>
public sealed record ConvertedNetwork
{
    /// <summary>Spec without input current and without a duration (set per run).</summary>
    public required NetworkSpec Template { get; init; }

    /// <summary>The graph's weight nodes before the first neuron node, composed and applied to the analog input (direct encoding).</summary>
    public required AffineMap InputMap { get; init; }

    /// <summary>Per first-layer neuron: factor from NIR input current to engine current (r for LIF, r·dt for IF).</summary>
    public required float[] InputGain { get; init; }

    /// <summary>Neuron layers in order, first fed by <see cref="InputMap"/>.</summary>
    public required IReadOnlyList<ConvertedLayer> Layers { get; init; }

    /// <summary>The weight nodes after the last neuron node, if any: scores = W·(spike counts of the last layer / T) + b, the model's time-averaged output.</summary>
    public AffineMap? Readout { get; init; }

    /// <summary>The engine time step in ms.</summary>
    public required double DtMs { get; init; }
}

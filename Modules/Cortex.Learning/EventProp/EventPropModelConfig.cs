using Cortex.Learning.Encoding;

namespace Cortex.Learning.EventProp;

/// <summary>The <c>model</c> section of an EventProp config.</summary>
/// <param name="InputShape">Shape of one sample (flattened to the input neurons).</param>
/// <param name="Encoder">The latency encoder whose mapping gives the input spike times.</param>
/// <param name="InputWindow">Input spikes fall in [0, window] ms.</param>
/// <param name="Duration">Trial length in ms.</param>
/// <param name="Layers">The linear → lif pairs, input side first.</param>
/// <param name="FirstLinearIndex">Where the first linear layer sits in <c>model.layers</c> (1 after a leading flatten), for error paths.</param>
public sealed record EventPropModelConfig(IReadOnlyList<int> InputShape, LatencyEncoder Encoder, double InputWindow, double Duration, IReadOnlyList<EventPropLayerConfig> Layers, int FirstLinearIndex)
{
    /// <summary>Input neurons: the product of the input shape.</summary>
    public int InputCount => InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The JSON path of the linear layer of pair <paramref name="pair"/>.</summary>
    public string LinearPath(int pair) => $"model.layers[{FirstLinearIndex + (2 * pair)}]";
}

using static TorchSharp.torch;

namespace Cortex.Learning.Training;

/// <summary>
/// One layer of a <see cref="SpikingNetwork"/> as configured: exporters walk these in order to map each
/// module to its NIR node, so the type name, the configuration and both shapes travel with the module.
/// </summary>
/// <param name="Index">Position in <c>model.layers</c>.</param>
/// <param name="Type">The registered layer type (the JSON <c>type</c>, e.g. "linear", "plif").</param>
/// <param name="ConfigJson">The layer's configuration object as written in the model config.</param>
/// <param name="Module">The built module, [T, B, …input] → [T, B, …output].</param>
/// <param name="InputShape">Shape of one sample of the input, without time and batch.</param>
/// <param name="OutputShape">Shape of one sample of the output, without time and batch.</param>
public sealed record NetworkLayer(
    int Index,
    string Type,
    string ConfigJson,
    nn.Module<Tensor, Tensor> Module,
    IReadOnlyList<long> InputShape,
    IReadOnlyList<long> OutputShape);

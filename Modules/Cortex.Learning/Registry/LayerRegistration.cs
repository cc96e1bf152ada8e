using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Registry;

/// <summary>Builds one layer from its configuration, given the shape of one sample of its input.</summary>
public delegate BuiltLayer LayerFactory(ConfigNode config, LayerBuildContext context);

/// <summary>A layer type available to model configurations under <see cref="Name"/> (the JSON <c>type</c>).</summary>
public sealed record LayerRegistration(string Name, string Description, LayerFactory Create);

/// <summary>
/// A built layer: a module mapping [T, B, …input] to [T, B, …output] and the output shape of one sample
/// (without the time and batch dimensions).
/// </summary>
public sealed record BuiltLayer(nn.Module<Tensor, Tensor> Module, IReadOnlyList<long> OutputShape);

/// <summary>What a layer factory needs besides its own configuration.</summary>
public sealed class LayerBuildContext(IReadOnlyList<long> inputShape, LearningRegistry registry, int? steps = null)
{
    /// <summary>Shape of one sample of the layer's input (e.g. [C, H, W] or [features]).</summary>
    public IReadOnlyList<long> InputShape { get; } = inputShape;

    /// <summary>The registry, for surrogates and nested layers.</summary>
    public LearningRegistry Registry { get; } = registry;

    /// <summary>
    /// The model's number of time steps T, for layers whose weights are sized by it (attention over time);
    /// null when the layer is built outside a model.
    /// </summary>
    public int? Steps { get; } = steps;

    /// <summary>The same context for another input shape (for nested layers).</summary>
    public LayerBuildContext WithInput(IReadOnlyList<long> shape) => new(shape, Registry, Steps);
}

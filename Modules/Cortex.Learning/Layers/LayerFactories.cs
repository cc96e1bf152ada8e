using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Layers;

/// <summary>
/// Registers the built-in non-neuron layers and reads their configuration. Each factory validates its keys
/// (errors name the JSON path) and computes the per-sample output shape, so a model's shapes are known
/// before any data flows.
/// </summary>
public static class LayerFactories
{
    /// <summary>Adds every built-in layer type to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSpikingLayer("linear", "fully connected layer at every time step (keys: out, bias)", Linear);
        services.AddSpikingLayer("conv2d", "2-D convolution at every time step (keys: out or channels, kernel, stride, padding, bias)", Conv2d);
        services.AddSpikingLayer("avgpool", "2-D average pooling at every time step (keys: kernel, stride, padding)", AvgPool);
        services.AddSpikingLayer("maxpool", "2-D max pooling at every time step (keys: kernel, stride, padding)", MaxPool);
        services.AddSpikingLayer("sumpool", "2-D sum pooling at every time step, NIR SumPool2d (keys: kernel, stride, padding)", SumPool);
        services.AddSpikingLayer("flatten", "flattens each sample to one feature vector", FlattenLayer);
    }

    /// <summary><c>linear</c>: in features from the (1-D) input shape; <c>out</c> (required), <c>bias</c> (true).</summary>
    public static BuiltLayer Linear(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = RequireRank(config, context, 1, "[features] (insert a flatten layer before it)", "linear");
        var outFeatures = AtLeast(config, "out", 1);
        var layer = new TimeDistributedLinear(input[0], outFeatures, config.Flag("bias", true));
        return new BuiltLayer(layer, [outFeatures]);
    }

    /// <summary>
    /// <c>conv2d</c> on a [C, H, W] input: <c>out</c> (or its synonym <c>channels</c>, required), <c>kernel</c>
    /// (required), <c>stride</c> (1), <c>padding</c> (0), <c>bias</c> (true); pairs as n or [h, w].
    /// </summary>
    public static BuiltLayer Conv2d(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = RequireRank(config, context, 3, "[C, H, W]", "conv2d");
        if (config.Has("out") && config.Has("channels"))
            throw config.Error("channels", "give either out or channels (they mean the same), not both");
        var outChannels = AtLeast(config, config.Has("channels") ? "channels" : "out", 1);
        var kernel = SpatialPair.Read(config, "kernel", 1);
        var stride = SpatialPair.Read(config, "stride", 1, SpatialPair.Square(1));
        var padding = SpatialPair.Read(config, "padding", 0, SpatialPair.Square(0));
        RequireFit(config, input, kernel, padding);
        var layer = new TimeDistributedConv2d(input[0], outChannels, kernel, stride, padding, config.Flag("bias", true));
        return new BuiltLayer(layer, layer.OutputShape(input[1], input[2]));
    }

    /// <summary><c>avgpool</c>: <c>kernel</c> (required), <c>stride</c> (= kernel), <c>padding</c> (0, at most half the kernel).</summary>
    public static BuiltLayer AvgPool(ConfigNode config, LayerBuildContext context) =>
        Pool(config, context, "avgpool", (k, s, p) => new AvgPool2d(k, s, p));

    /// <summary><c>maxpool</c>: keys as <see cref="AvgPool"/>.</summary>
    public static BuiltLayer MaxPool(ConfigNode config, LayerBuildContext context) =>
        Pool(config, context, "maxpool", (k, s, p) => new MaxPool2d(k, s, p));

    /// <summary><c>sumpool</c>: keys as <see cref="AvgPool"/>.</summary>
    public static BuiltLayer SumPool(ConfigNode config, LayerBuildContext context) =>
        Pool(config, context, "sumpool", (k, s, p) => new SumPool2d(k, s, p));

    /// <summary><c>flatten</c>: no keys; [d1, d2, …] → [d1·d2·…].</summary>
    public static BuiltLayer FlattenLayer(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        if (context.InputShape.Count == 0)
            throw new LearningConfigException($"{config.Path}: flatten needs a sample shape with at least one dimension, got []");
        var size = context.InputShape.Aggregate(1L, (product, d) => product * d);
        return new BuiltLayer(new Flatten(), [size]);
    }

    private static BuiltLayer Pool(ConfigNode config, LayerBuildContext context, string type, Func<SpatialPair, SpatialPair, SpatialPair, Pool2d> create)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = RequireRank(config, context, 3, "[C, H, W]", type);
        var kernel = SpatialPair.Read(config, "kernel", 1);
        var stride = SpatialPair.Read(config, "stride", 1, kernel);
        var padding = SpatialPair.Read(config, "padding", 0, SpatialPair.Square(0));
        if (padding.Height > kernel.Height / 2 || padding.Width > kernel.Width / 2)
            throw config.Error("padding", $"must be at most half the kernel ({kernel}), got {padding}");
        RequireFit(config, input, kernel, padding);
        var layer = create(kernel, stride, padding);
        return new BuiltLayer(layer, layer.OutputShape(input[0], input[1], input[2]));
    }

    /// <summary>The input shape, which must have <paramref name="rank"/> dimensions.</summary>
    private static IReadOnlyList<long> RequireRank(ConfigNode config, LayerBuildContext context, int rank, string expected, string type)
    {
        var shape = context.InputShape;
        if (shape.Count != rank || shape.Any(d => d < 1))
            throw new LearningConfigException($"{config.Path}: {type} needs a sample shape {expected}, got [{string.Join(", ", shape)}]");
        return shape;
    }

    /// <summary>A window must fit the padded [C, H, W] input, or the layer would have no output.</summary>
    private static void RequireFit(ConfigNode config, IReadOnlyList<long> input, SpatialPair kernel, SpatialPair padding)
    {
        if (input[1] + 2 * padding.Height < kernel.Height || input[2] + 2 * padding.Width < kernel.Width)
            throw config.Error("kernel", $"{kernel} does not fit the input {input[1]}x{input[2]} with padding {padding}");
    }

    /// <summary>A required whole number of at least <paramref name="min"/>.</summary>
    private static int AtLeast(ConfigNode config, string key, int min)
    {
        var value = config.WholeNumber(key);
        return value >= min ? value : throw config.Error(key, $"must be >= {min}, got {value}");
    }
}

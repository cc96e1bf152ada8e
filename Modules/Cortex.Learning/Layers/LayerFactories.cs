using Cortex.Learning.Neurons;
using Cortex.Learning.Quantization;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;
using Microsoft.Extensions.DependencyInjection;
using static TorchSharp.torch;

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
        services.AddSpikingLayer("linear", "fully connected layer at every time step (keys: out, bias, weight_bits)", Linear);
        services.AddSpikingLayer("conv2d", "2-D convolution at every time step (keys: out or channels, kernel, stride, padding, bias, weight_bits)", Conv2d);
        services.AddSpikingLayer("avgpool", "2-D average pooling at every time step (keys: kernel, stride, padding)", AvgPool);
        services.AddSpikingLayer("maxpool", "2-D max pooling at every time step (keys: kernel, stride, padding)", MaxPool);
        services.AddSpikingLayer("sumpool", "2-D sum pooling at every time step, NIR SumPool2d (keys: kernel, stride, padding)", SumPool);
        services.AddSpikingLayer("flatten", "flattens each sample to one feature vector", FlattenLayer);
        services.AddSpikingLayer("tdbn", "threshold-dependent batch norm, statistics over time and batch (keys: alpha, threshold, eps, momentum)", ThresholdDependentNorm);
        services.AddSpikingLayer("bntt", "batch norm through time, one per step (keys: steps, bias, eps, momentum)", NormThroughTime);
        services.AddSpikingLayer("residual", "MS-ResNet residual block: out = F(x) + shortcut(x) on currents (keys: layers, shortcut)", Residual);
        services.AddSpikingLayer("dropout", "dropout with one mask per sample shared by all time steps (key: p)", Dropout);
    }

    /// <summary>
    /// <c>linear</c>: in features from the (1-D) input shape; <c>out</c> (required), <c>bias</c> (true),
    /// <c>weight_bits</c> (absent: float weights; 2 … 16: quantisation-aware training, see <see cref="WeightQuantizer"/>).
    /// </summary>
    public static BuiltLayer Linear(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = RequireRank(config, context, 1, "[features] (insert a flatten layer before it)", "linear");
        var outFeatures = AtLeast(config, "out", 1);
        var bias = config.Flag("bias", true);
        TrainingMemoryEstimate.CheckLayerWeights(config, (double)input[0] * outFeatures + (bias ? outFeatures : 0), TrainingMemoryEstimate.AvailableBytes());
        var layer = new TimeDistributedLinear(input[0], outFeatures, bias, WeightQuantizer.Read(config));
        return new BuiltLayer(layer, [outFeatures]);
    }

    /// <summary>
    /// <c>conv2d</c> on a [C, H, W] input: <c>out</c> (or its synonym <c>channels</c>, required), <c>kernel</c>
    /// (required), <c>stride</c> (1), <c>padding</c> (0), <c>bias</c> (true), <c>weight_bits</c> (as for linear); pairs as n or [h, w].
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
        var bias = config.Flag("bias", true);
        TrainingMemoryEstimate.CheckLayerWeights(config, (double)input[0] * outChannels * kernel.Height * kernel.Width + (bias ? outChannels : 0), TrainingMemoryEstimate.AvailableBytes());
        var layer = new TimeDistributedConv2d(input[0], outChannels, kernel, stride, padding, bias, WeightQuantizer.Read(config));
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

    /// <summary>
    /// <c>tdbn</c> on [C] or [C, …] (channel first): <c>alpha</c> (1), <c>threshold</c> (V_th of the next
    /// neurons, 1), <c>eps</c> (1e-5), <c>momentum</c> (0.1).
    /// </summary>
    public static BuiltLayer ThresholdDependentNorm(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var channels = Channels(config, context, "tdbn");
        var layer = new ThresholdDependentBatchNorm(
            channels,
            config.Number("alpha", 1, 0, exclusiveMin: true),
            config.Number("threshold", 1, 0, exclusiveMin: true),
            config.Number("eps", 1e-5, 0, exclusiveMin: true),
            config.Number("momentum", 0.1, 0, 1));
        return new BuiltLayer(layer, context.InputShape);
    }

    /// <summary><c>bntt</c> on [C] or [C, …]: <c>steps</c> (required, the T of every input), <c>bias</c> (false), <c>eps</c>, <c>momentum</c>.</summary>
    public static BuiltLayer NormThroughTime(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var channels = Channels(config, context, "bntt");
        var layer = new BatchNormThroughTime(
            AtLeast(config, "steps", 1),
            channels,
            config.Flag("bias", false),
            config.Number("eps", 1e-5, 0, exclusiveMin: true),
            config.Number("momentum", 0.1, 0, 1),
            config.Path);
        return new BuiltLayer(layer, context.InputShape);
    }

    /// <summary>
    /// <c>residual</c>: <c>layers</c> (the branch F, required, starting with a neuron layer) and <c>shortcut</c>
    /// ("identity" or "conv"; by default identity when F keeps the shape, conv otherwise). The conv shortcut is
    /// a 1×1 convolution whose stride matches F's downsampling (a linear map for feature vectors), then tdBN.
    /// </summary>
    public static BuiltLayer Residual(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var children = config.Children("layers");
        if (children.Count == 0) throw config.Error("layers", "is required: the residual branch needs at least one layer");
        var branch = new List<nn.Module<Tensor, Tensor>>();
        var shape = context.InputShape;
        foreach (var child in children)
        {
            var built = context.Registry.BuildLayer(child, shape, context.Steps);
            branch.Add(built.Module);
            shape = built.OutputShape;
        }
        if (branch[0] is not SpikingNeuron)
            throw new LearningConfigException(
                $"{children[0].Path}: the residual branch must start with a spiking neuron layer (MS-ResNet: the block adds real-valued currents, its input is not spikes), got '{children[0].Text("type")}'");
        var input = context.InputShape;
        var sameShape = shape.SequenceEqual(input);
        var kind = config.Text("shortcut", sameShape ? "identity" : "conv");
        var shortcut = kind switch
        {
            "identity" when sameShape => null,
            "identity" => throw config.Error("shortcut", $"\"identity\" needs the branch to keep the shape [{string.Join(", ", input)}], but it gives [{string.Join(", ", shape)}]; use \"conv\""),
            "conv" => Projection(config, input, shape),
            _ => throw config.Error("shortcut", $"expected \"identity\" or \"conv\", got \"{kind}\""),
        };
        return new BuiltLayer(new SpikingResidualBlock(branch, shortcut), shape);
    }

    /// <summary><c>dropout</c>: <c>p</c> in [0, 1) (0.5), one mask per sample for all steps.</summary>
    public static BuiltLayer Dropout(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var p = config.Number("p", 0.5, 0, 1);
        if (p >= 1) throw config.Error("p", $"must be < 1 (p = 1 would drop every unit), got {p}");
        return new BuiltLayer(new TimeSharedDropout(p), context.InputShape);
    }

    /// <summary>The shortcut mapping the block input shape to the branch output shape.</summary>
    private static ProjectionShortcut Projection(ConfigNode config, IReadOnlyList<long> input, IReadOnlyList<long> output)
    {
        if (input.Count == 1 && output.Count == 1)
            return new ProjectionShortcut(new TimeDistributedLinear(input[0], output[0], hasBias: false), new ThresholdDependentBatchNorm(output[0]));
        if (input.Count == 3 && output.Count == 3
            && ShortcutStride(input[1], output[1]) is { } strideH && ShortcutStride(input[2], output[2]) is { } strideW)
        {
            var conv = new TimeDistributedConv2d(input[0], output[0], SpatialPair.Square(1), new SpatialPair(strideH, strideW), SpatialPair.Square(0), hasBias: false);
            return new ProjectionShortcut(conv, new ThresholdDependentBatchNorm(output[0]));
        }
        throw config.Error("shortcut", $"no 1x1 convolution maps the block input [{string.Join(", ", input)}] to the branch output [{string.Join(", ", output)}]");
    }

    /// <summary>The smallest stride with which a 1×1 kernel turns <paramref name="size"/> into <paramref name="target"/>, or null.</summary>
    private static long? ShortcutStride(long size, long target)
    {
        for (var stride = 1L; stride <= size; stride++)
        {
            if (SpatialPair.SlidingOutput(size, 1, stride, 0) == target) return stride;
        }
        return null;
    }

    /// <summary>The channel count (first dimension) of a normalisation layer's input.</summary>
    private static long Channels(ConfigNode config, LayerBuildContext context, string type)
    {
        var shape = context.InputShape;
        if (shape.Count == 0 || shape.Any(d => d < 1))
            throw new LearningConfigException($"{config.Path}: {type} needs a sample shape [C] or [C, H, W], got [{string.Join(", ", shape)}]");
        return shape[0];
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

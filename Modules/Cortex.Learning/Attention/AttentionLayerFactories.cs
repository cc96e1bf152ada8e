using System.Text.Json;
using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Attention;

/// <summary>
/// Registers and configures the attention layers <c>ma</c> (MA-SNN) and <c>tcja</c> (TCJA-SNN). Both sit before a
/// neuron layer and keep the shape. Where they weigh time their weights are sized by T: <c>steps</c> defaults to
/// the model's T, and a <c>steps</c> that differs from it is refused naming the key (outside a model it is required).
/// </summary>
public static class AttentionLayerFactories
{
    private static readonly string[] DimensionNames = ["temporal", "channel", "spatial"];

    /// <summary>Adds <c>ma</c> and <c>tcja</c> to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSpikingLayer("ma", "MA-SNN multi-dimensional attention on the membrane input, Yao et al. 2023 (keys: attention, steps, temporal_reduction, channel_reduction, kernel, rectify)", MultiDimensional);
        services.AddSpikingLayer("tcja", "TCJA-SNN temporal-channel joint attention, Zhu et al. 2024 (keys: steps, kernel_time, kernel_channel)", TemporalChannelJoint);
    }

    /// <summary>
    /// <c>ma</c> on [F] or [C, H, W]: <c>attention</c> (a list of "temporal", "channel", "spatial"; all three by
    /// default, "spatial" only for [C, H, W]), <c>steps</c> (T; the model's by default),
    /// <c>temporal_reduction</c> (r_t, 1), <c>channel_reduction</c> (r_c, 4) — the MLPs' bottleneck is ⌊n / r⌋,
    /// at least 1 —, <c>kernel</c> (SA's odd kernel, 3), <c>rectify</c> (a ReLU after the gates, false).
    /// </summary>
    public static BuiltLayer MultiDimensional(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var shape = context.InputShape;
        if ((shape.Count != 1 && shape.Count != 3) || shape.Any(d => d < 1))
            throw new LearningConfigException($"{config.Path}: ma needs a sample shape [features] or [C, H, W], got [{string.Join(", ", shape)}]");
        var dimensions = ReadDimensions(config);
        if (dimensions.HasFlag(AttentionDimensions.Spatial) && shape.Count != 3)
            throw config.Error("attention", $"\"spatial\" needs a sample shape [C, H, W], got [{string.Join(", ", shape)}] (use \"temporal\" and \"channel\" on feature vectors)");
        var temporalReduction = config.WholeNumber("temporal_reduction", 1, 1, int.MaxValue);
        var channelReduction = config.WholeNumber("channel_reduction", 4, 1, int.MaxValue);
        var kernel = config.WholeNumber("kernel", 3, 1, int.MaxValue);
        if (kernel % 2 == 0) throw config.Error("kernel", $"must be odd (the attention map keeps the input's size), got {kernel}");
        var rectify = config.Flag("rectify", false);
        TemporalAttention? temporal = null;
        if (dimensions.HasFlag(AttentionDimensions.Temporal))
        {
            var steps = Steps(config, context, "\"temporal\" attention");
            temporal = new TemporalAttention(steps, SharedGateMlp.Hidden(steps, temporalReduction));
        }
        else if (config.Has("steps")) Steps(config, context, "ma");
        var channel = dimensions.HasFlag(AttentionDimensions.Channel) ? new ChannelAttention(shape[0], SharedGateMlp.Hidden(shape[0], channelReduction)) : null;
        var spatial = dimensions.HasFlag(AttentionDimensions.Spatial) ? new SpatialAttention(kernel) : null;
        return new BuiltLayer(new MultiDimensionalAttention(temporal, channel, spatial, rectify, config.Path), shape);
    }

    /// <summary>
    /// <c>tcja</c> on [C] or [C, …] (channel first): <c>steps</c> (T; the model's by default), <c>kernel_time</c>
    /// (TLA's window along time, 3), <c>kernel_channel</c> (CLA's window along the channels, 3).
    /// </summary>
    public static BuiltLayer TemporalChannelJoint(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var shape = context.InputShape;
        if (shape.Count == 0 || shape.Any(d => d < 1))
            throw new LearningConfigException($"{config.Path}: tcja needs a sample shape [C] or [C, H, W], got [{string.Join(", ", shape)}]");
        var steps = Steps(config, context, "tcja");
        var kernelTime = config.WholeNumber("kernel_time", 3, 1, int.MaxValue);
        var kernelChannel = config.WholeNumber("kernel_channel", 3, 1, int.MaxValue);
        if (kernelTime > steps) throw config.Error("kernel_time", $"must be at most steps ({steps}), got {kernelTime}");
        if (kernelChannel > shape[0]) throw config.Error("kernel_channel", $"must be at most the channel count ({shape[0]}), got {kernelChannel}");
        return new BuiltLayer(new TemporalChannelJointAttention(steps, shape[0], kernelTime, kernelChannel, config.Path), shape);
    }

    /// <summary>T from <c>steps</c>, else the model's; a <c>steps</c> other than the model's is an error, as is neither.</summary>
    private static int Steps(ConfigNode config, LayerBuildContext context, string what)
    {
        if (!config.Has("steps"))
            return context.Steps ?? throw config.Error("steps", $"is required by {what} outside a model: give the model's T (its weights are sized by the number of time steps)");
        var steps = config.WholeNumber("steps", 1, 1, int.MaxValue);
        if (context.Steps is { } model && model != steps)
            throw config.Error("steps", $"is {steps}, but the model runs {model} time steps (model.steps); leave it out to use the model's");
        return steps;
    }

    private static AttentionDimensions ReadDimensions(ConfigNode config)
    {
        if (!config.Has("attention")) return AttentionDimensions.Temporal | AttentionDimensions.Channel | AttentionDimensions.Spatial;
        var list = config.Element.GetProperty("attention");
        if (list.ValueKind != JsonValueKind.Array)
            throw config.Error("attention", $"expected a list of \"temporal\", \"channel\", \"spatial\", got {list.ValueKind.ToString().ToLowerInvariant()}");
        var dimensions = AttentionDimensions.None;
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            var index = name is null ? -1 : Array.IndexOf(DimensionNames, name);
            if (index < 0)
                throw new LearningConfigException($"{config.Path}.attention[{i}]: expected \"temporal\", \"channel\" or \"spatial\", got {item.GetRawText()}");
            var flag = (AttentionDimensions)(1 << index);
            if (dimensions.HasFlag(flag)) throw new LearningConfigException($"{config.Path}.attention[{i}]: \"{name}\" is listed twice");
            dimensions |= flag;
            i++;
        }
        return dimensions == AttentionDimensions.None
            ? throw config.Error("attention", "must list at least one of \"temporal\", \"channel\", \"spatial\"")
            : dimensions;
    }
}

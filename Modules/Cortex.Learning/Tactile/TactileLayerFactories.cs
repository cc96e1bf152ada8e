using Cortex.Learning.Encoding;
using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;
using TorchSharp;
using static TorchSharp.torch;

namespace Cortex.Learning.Tactile;

/// <summary>
/// Registers the event-driven tactile pieces: the <c>sequence</c> encoder (samples that are already [T, …]) and the
/// <c>location_hybrid</c> layer (timing and location spiking neurons, Kang et al. 2022).
/// </summary>
public static class TactileLayerFactories
{
    /// <summary>Adds the encoder and the layer to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddEncoder("sequence", "plays samples that are already sequences [T, ...] (event recordings); model.steps = T", _ => new SequenceEncoder());
        services.AddSpikingLayer("location_hybrid",
            "timing + location spiking neurons, Kang et al. 2022 (keys: timing, steps, hidden, tau, location_weight, neuron keys)", LocationHybrid);
    }

    /// <summary>
    /// <c>location_hybrid</c> on a [P, H, W] input: <c>timing</c> (the timing branch's layers, required, ending in
    /// [classes]), <c>steps</c> (required: the recording's T, = model.steps), <c>hidden</c> (location neurons, 64),
    /// <c>tau</c> (their leak, in taxels, 2), <c>location_weight</c> (α in [0, 1], 0.5) and the neuron keys of
    /// <see cref="NeuronLayerFactories.Options"/> for the location neurons.
    /// </summary>
    public static BuiltLayer LocationHybrid(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.InputShape;
        if (input.Count != 3)
            throw new LearningConfigException($"{config.Path}: location_hybrid needs recordings [channels, rows, cols] per step, got [{string.Join(", ", input)}] (put it first, after the sequence encoder)");
        var children = config.Children("timing");
        if (children.Count == 0) throw config.Error("timing", "is required: the timing branch needs at least one layer");
        var timing = new List<nn.Module<Tensor, Tensor>>();
        var shape = input;
        foreach (var child in children)
        {
            var built = context.Registry.BuildLayer(child, shape);
            timing.Add(built.Module);
            shape = built.OutputShape;
        }
        if (shape.Count != 1 || shape[0] < 2)
            throw new LearningConfigException($"{children[^1].Path}: the timing branch must end in class scores [classes >= 2], got [{string.Join(", ", shape)}]");
        var steps = config.WholeNumber("steps", 1, 10_000);
        var hidden = config.WholeNumber("hidden", 64, 1, 1_000_000);
        var tau = config.Number("tau", 2.0, 0, exclusiveMin: true);
        var weight = config.Number("location_weight", 0.5, 0, 1);
        var options = NeuronLayerFactories.Options(config, context);
        var location = new LocationSpikingPathway(steps, input[0], hidden, shape[0], tau, options, config.Path);
        return new BuiltLayer(new LocationHybridLayer(timing, location, weight), shape);
    }
}

using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Memristive;

/// <summary>
/// The configuration of the memristive layers (MemProp-style networks): <c>memristive_neuron</c> (a volatile
/// memristor drives firing and reset) and <c>memristive_linear</c> (weights as differential pairs of bounded conductances).
/// </summary>
public static class MemristiveLayerFactories
{
    /// <summary>Adds both layer types to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSpikingLayer("memristive_neuron",
            "neuron fired and reset by a volatile memristor (keys: tau, tau_memristor, threshold, shunt, switching, sharpness, surrogate, detach_reset)", Neuron);
        services.AddSpikingLayer("memristive_linear",
            "fully connected layer of differential memristor pairs in [g_min, g_max] (keys: out, bias, g_min, g_max, weight_range, levels, read_noise)", Linear);
    }

    /// <summary>
    /// <c>memristive_neuron</c>: <c>tau</c> (2, membrane), <c>tau_memristor</c> (1, device relaxation), <c>threshold</c>
    /// (1, switching voltage), <c>shunt</c> (1, in (0, 1]), <c>switching</c> ("abrupt" | "smooth"), <c>sharpness</c> (5, smooth
    /// only), <c>surrogate</c> (abrupt only), <c>detach_reset</c> (false). Time constants are in time steps.
    /// </summary>
    public static BuiltLayer Neuron(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var switching = config.Text("switching", "abrupt") switch
        {
            "abrupt" => MemristorSwitching.Abrupt,
            "smooth" => MemristorSwitching.Smooth,
            var other => throw config.Error("switching", $"expected \"abrupt\" or \"smooth\", got \"{other}\""),
        };
        if (switching == MemristorSwitching.Smooth && config.Has("surrogate"))
            throw config.Error("surrogate", "smooth switching is differentiable and uses no surrogate; remove the key or use \"switching\": \"abrupt\"");
        if (switching == MemristorSwitching.Abrupt && config.Has("sharpness"))
            throw config.Error("sharpness", "applies to \"switching\": \"smooth\" only");
        var options = new VolatileMemristorOptions
        {
            Tau = config.Number("tau", 2, 0, exclusiveMin: true),
            MemristorTau = config.Number("tau_memristor", 1, 0, exclusiveMin: true),
            Threshold = config.Number("threshold", 1, 0, exclusiveMin: true),
            Shunt = config.Number("shunt", 1, 0, 1, exclusiveMin: true),
            Switching = switching,
            Sharpness = config.Number("sharpness", 5, 0, exclusiveMin: true),
            Surrogate = NeuronLayerFactories.Surrogate(config, context.Registry),
            DetachReset = config.Flag("detach_reset", false),
        };
        return new BuiltLayer(new VolatileMemristorNeuron(options), context.InputShape);
    }

    /// <summary>
    /// <c>memristive_linear</c> on a [features] input: <c>out</c> (required), <c>bias</c> (true), <c>g_min</c> (1 µS), <c>g_max</c>
    /// (100 µS), <c>weight_range</c> (1: the weight of a pair at (g_max, g_min)), <c>levels</c> (0 analog, or 2 … 4096),
    /// <c>read_noise</c> (0, σ as a fraction of g_max − g_min, training only).
    /// </summary>
    public static BuiltLayer Linear(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.InputShape;
        if (input.Count != 1 || input[0] < 1)
            throw new LearningConfigException($"{config.Path}: memristive_linear needs a sample shape [features] (insert a flatten layer before it), got [{string.Join(", ", input)}]");
        var outFeatures = config.WholeNumber("out", 1, int.MaxValue);
        var gMin = config.Number("g_min", 1, 0);
        var gMax = config.Number("g_max", 100, 0);
        if (gMax <= gMin) throw config.Error("g_max", $"must be above g_min ({gMin}), got {gMax}");
        var levels = config.WholeNumber("levels", 0, 0, 4096);
        if (levels == 1) throw config.Error("levels", "must be 0 (analog) or at least 2, got 1");
        var device = new MemristiveSynapseDevice
        {
            MinConductance = gMin,
            MaxConductance = gMax,
            WeightRange = config.Number("weight_range", 1, 0, exclusiveMin: true),
            Levels = levels,
            ReadNoise = config.Number("read_noise", 0, 0, 1),
        };
        return new BuiltLayer(new MemristiveLinear(input[0], outFeatures, device, config.Flag("bias", true)), [outFeatures]);
    }
}

using Cortex.Learning.Registry;

namespace Cortex.Learning.Neurons;

/// <summary>
/// The configuration of the built-in neuron layers. Keys shared by all: <c>threshold</c>, <c>v_reset</c>,
/// <c>reset</c> ("zero" | "subtract"), <c>detach_reset</c>, <c>surrogate</c> ({"name", "alpha"} or a name);
/// LIF-family: <c>tau</c> (time steps), <c>learn_threshold</c>; alif: <c>tau_adaptation</c>, <c>adaptation</c>.
/// </summary>
public static class NeuronLayerFactories
{
    /// <summary>Integrate-and-fire.</summary>
    public static BuiltLayer If(ConfigNode config, LayerBuildContext context) =>
        new(new IfNeuron(Options(config, context)), context.InputShape);

    /// <summary>LIF with fixed τ (optionally a learned threshold).</summary>
    public static BuiltLayer Lif(ConfigNode config, LayerBuildContext context) =>
        new(new LifNeuron(Tau(config), Options(config, context), config.Flag("learn_threshold", false)), context.InputShape);

    /// <summary>LIF with learned τ.</summary>
    public static BuiltLayer ParametricLif(ConfigNode config, LayerBuildContext context) =>
        new(new ParametricLifNeuron(Tau(config), Options(config, context), config.Flag("learn_threshold", false)), context.InputShape);

    /// <summary>LIF with an after-hyperpolarisation current.</summary>
    public static BuiltLayer AdaptiveLif(ConfigNode config, LayerBuildContext context) =>
        new(new AdaptiveLifNeuron(
            Tau(config),
            config.Number("tau_adaptation", 20, 0, exclusiveMin: true),
            config.Number("adaptation", 0.1, 0),
            Options(config, context),
            config.Flag("learn_threshold", false)), context.InputShape);

    /// <summary>The options shared by every neuron layer.</summary>
    public static NeuronOptions Options(ConfigNode config, LayerBuildContext context)
    {
        var threshold = config.Number("threshold", 1.0, 0, exclusiveMin: true);
        var reset = config.Text("reset", "zero") switch
        {
            "zero" => ResetMode.Zero,
            "subtract" => ResetMode.Subtract,
            var other => throw config.Error("reset", $"expected \"zero\" or \"subtract\", got \"{other}\""),
        };
        var vReset = config.Number("v_reset", 0);
        if (reset == ResetMode.Zero && vReset >= threshold)
            throw config.Error("v_reset", $"must be below the threshold ({threshold}), got {vReset}");
        return new NeuronOptions
        {
            Threshold = threshold,
            VReset = vReset,
            Reset = reset,
            DetachReset = config.Flag("detach_reset", false),
            Surrogate = Surrogate(config, context.Registry),
        };
    }

    private static double Tau(ConfigNode config) => config.Number("tau", 2.0, 0, exclusiveMin: true);

    /// <summary>The <c>surrogate</c> key ({"name", "alpha"} or a name; arctan by default), for any layer with a spike step.</summary>
    public static Surrogates.SurrogateGradient Surrogate(ConfigNode config, LearningRegistry registry)
    {
        if (!config.Has("surrogate")) return registry.CreateSurrogate("arctan", null, $"{config.Path}.surrogate");
        var element = config.Element.GetProperty("surrogate");
        if (element.ValueKind == System.Text.Json.JsonValueKind.String)
            return registry.CreateSurrogate(element.GetString()!, null, $"{config.Path}.surrogate");
        var node = config.Child("surrogate")!;
        var alpha = node.Has("alpha") ? node.Number("alpha", 1, 0, exclusiveMin: true) : (double?)null;
        var surrogate = registry.CreateSurrogate(node.Text("name"), alpha, $"{node.Path}.name");
        node.RejectUnknownKeys();
        return surrogate;
    }
}

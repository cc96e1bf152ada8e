using Cortex.Learning.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Plasticity;

/// <summary>
/// Registers <c>plastic_rnn</c>, the differentiable-plasticity recurrent layer, and reads its configuration
/// (every error names the JSON path). Keys: <c>hidden</c> (required), <c>input</c> ("linear" or "direct"),
/// and those of <see cref="Options"/>.
/// </summary>
public static class PlasticLayerFactories
{
    /// <summary>Adds the plastic layer type to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSpikingLayer("plastic_rnn",
            "recurrent tanh layer with differentiable Hebbian plasticity, Miconi et al. 2018 (keys: hidden, input, eta, rule, plastic, init_scale)",
            PlasticRecurrent);
    }

    /// <summary>
    /// <c>plastic_rnn</c> on a [features] input: <c>hidden</c> (required), <c>input</c> ("linear"), <c>plastic</c>
    /// (true; false for the α ≡ 0 control), plus <see cref="Options"/>.
    /// </summary>
    public static BuiltLayer PlasticRecurrent(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var shape = context.InputShape;
        if (shape.Count != 1 || shape[0] < 1)
            throw new LearningConfigException($"{config.Path}: plastic_rnn needs a sample shape [features] (insert a flatten layer before it), got [{string.Join(", ", shape)}]");
        var hidden = config.WholeNumber("hidden", min: 1);
        var input = config.Text("input", "linear") switch
        {
            "linear" => InputProjection.Linear,
            "direct" when shape[0] == hidden => InputProjection.Direct,
            "direct" => throw config.Error("input", $"\"direct\" needs one input per neuron, but {shape[0]} inputs feed {hidden} neurons; use \"linear\""),
            var other => throw config.Error("input", $"expected \"linear\" or \"direct\", got \"{other}\""),
        };
        var options = Options(config) with { Plastic = config.Flag("plastic", true) };
        return new BuiltLayer(new PlasticRecurrentLayer(shape[0], hidden, input, options), [hidden]);
    }

    /// <summary>
    /// The plasticity settings: <c>eta</c> (initial η in (0, 1], 0.01), <c>rule</c> ("decaying" or "oja"),
    /// <c>init_scale</c> (0.01).
    /// </summary>
    public static PlasticRecurrentOptions Options(ConfigNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new PlasticRecurrentOptions
        {
            Eta = config.Number("eta", 0.01, 0, 1, exclusiveMin: true),
            Rule = config.Text("rule", "decaying") switch
            {
                "decaying" => HebbianRule.Decaying,
                "oja" => HebbianRule.Oja,
                var other => throw config.Error("rule", $"expected \"decaying\" or \"oja\", got \"{other}\""),
            },
            InitScale = config.Number("init_scale", 0.01, 0),
        };
    }
}

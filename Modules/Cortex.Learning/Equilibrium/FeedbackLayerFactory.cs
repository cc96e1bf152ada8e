using Cortex.Learning.Neurons;
using Cortex.Learning.Registry;
using Cortex.Learning.Training;

namespace Cortex.Learning.Equilibrium;

/// <summary>
/// The <c>feedback_snn</c> layer's configuration: <c>out</c> (required), <c>threshold</c> (1), <c>feedback_scale</c>
/// (0.5), <c>gradient</c> ("implicit" | "bptt", "implicit"), <c>backward_iterations</c> (30), <c>backward_tolerance</c>
/// (1e-4), <c>surrogate</c> (BPTT only; as for neuron layers, arctan by default).
/// </summary>
public static class FeedbackLayerFactory
{
    /// <summary>Builds a <see cref="FeedbackSpikingLayer"/> on a [features] input.</summary>
    public static BuiltLayer Create(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.InputShape;
        if (input.Count != 1 || input[0] < 1)
            throw new LearningConfigException($"{config.Path}: feedback_snn needs a sample shape [features] (insert a flatten layer before it), got [{string.Join(", ", input)}]");
        var outFeatures = config.WholeNumber("out");
        if (outFeatures < 1) throw config.Error("out", $"must be >= 1, got {outFeatures}");
        var threshold = config.Number("threshold", 1, 0, exclusiveMin: true);
        var scale = config.Number("feedback_scale", 0.5, 0);
        var gradient = config.Text("gradient", "implicit") switch
        {
            "implicit" => EquilibriumGradient.Implicit,
            "bptt" => EquilibriumGradient.Bptt,
            var other => throw config.Error("gradient", $"expected \"implicit\" or \"bptt\", got \"{other}\""),
        };
        var iterations = config.WholeNumber("backward_iterations", 30, 1, 10_000);
        var tolerance = config.Number("backward_tolerance", 1e-4, 0);
        if (gradient == EquilibriumGradient.Implicit && config.Has("surrogate"))
            throw config.Error("surrogate", "is used only with \"gradient\": \"bptt\" (the implicit gradient needs no spike derivative)");
        var surrogate = NeuronLayerFactories.Surrogate(config, context.Registry);
        TrainingMemoryEstimate.CheckLayerWeights(config, ((double)input[0] * outFeatures) + outFeatures + ((double)outFeatures * outFeatures), TrainingMemoryEstimate.AvailableBytes());
        var layer = new FeedbackSpikingLayer(input[0], outFeatures, threshold, scale, gradient, surrogate, iterations, tolerance);
        return new BuiltLayer(layer, [outFeatures]);
    }
}

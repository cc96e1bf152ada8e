using Cortex.Learning.Registry;

namespace Cortex.Learning.PredictiveCoding;

/// <summary>
/// The <c>predictive_coding</c> layer's configuration: <c>sizes</c> (required, neurons per layer bottom to top),
/// <c>tau</c> (5 steps), <c>trace_tau</c> (4 steps), <c>threshold</c> (0.4), <c>gain</c> (1), <c>learning_rate</c> (η,
/// 0.05; 0 freezes the weights), <c>feedback_learning_rate</c> (η_E, = η), <c>init_scale</c> (1).
/// </summary>
public static class PredictiveCodingLayerFactory
{
    /// <summary>Builds a <see cref="SpikingPredictiveCodingLayer"/> on a [features] input; outputs [top size].</summary>
    public static BuiltLayer Create(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var input = context.InputShape;
        if (input.Count != 1 || input[0] < 1)
            throw new LearningConfigException($"{config.Path}: predictive_coding needs a sample shape [features] (insert a flatten layer before it), got [{string.Join(", ", input)}]");
        if (!config.Has("sizes")) throw config.Error("sizes", "is required (neurons per layer, bottom to top, e.g. [128])");
        var sizes = config.WholeNumbers("sizes");
        if (sizes.Count == 0) throw config.Error("sizes", "must list at least one layer");
        for (var i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < 1) throw new LearningConfigException($"{config.Path}.sizes[{i}]: must be >= 1, got {sizes[i]}");
        }
        var rate = config.Number("learning_rate", 0.05, 0);
        var options = new PredictiveCodingOptions
        {
            Tau = config.Number("tau", 5, 1),
            TraceTau = config.Number("trace_tau", 4, 1),
            Threshold = config.Number("threshold", 0.4, 0, exclusiveMin: true),
            Gain = config.Number("gain", 1, 0, exclusiveMin: true),
            LearningRate = rate,
            FeedbackLearningRate = config.Number("feedback_learning_rate", rate, 0),
            InitScale = config.Number("init_scale", 1, 0, exclusiveMin: true),
        };
        if (options.FeedbackLearningRate > 0 && rate == 0)
            throw config.Error("feedback_learning_rate", "needs learning_rate > 0 (the error-feedback weights follow the generative weights' changes)");
        return new BuiltLayer(new SpikingPredictiveCodingLayer(input[0], sizes, options), [sizes[^1]]);
    }
}

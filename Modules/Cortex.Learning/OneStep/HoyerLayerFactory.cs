using Cortex.Learning.Registry;

namespace Cortex.Learning.OneStep;

/// <summary>The <c>hoyer</c> layer's configuration: <c>threshold</c> (initial v_th, 1), <c>regularization</c> (λ, 0), <c>momentum</c> (0.1).</summary>
public static class HoyerLayerFactory
{
    /// <summary>Builds a <see cref="HoyerSpikeLayer"/>; the shape passes through.</summary>
    public static BuiltLayer Create(ConfigNode config, LayerBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(context);
        var layer = new HoyerSpikeLayer(
            config.Number("threshold", 1, 0, exclusiveMin: true),
            config.Number("regularization", 0, 0),
            config.Number("momentum", 0.1, 0, 1));
        return new BuiltLayer(layer, context.InputShape);
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Layers;

/// <summary>Registers the built-in non-neuron layers (linear, convolution, pooling, normalisation, …).</summary>
public static class LayerFactories
{
    /// <summary>Adds every built-in layer type to <paramref name="services"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}

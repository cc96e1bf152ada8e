using Cortex.Learning.Encoding;
using Cortex.Learning.Surrogates;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Registry;

/// <summary>The registration calls for training components, used from <c>ICortexPlugin.Configure</c>.</summary>
public static class LearningComponentRegistration
{
    /// <summary>Registers a surrogate gradient; <paramref name="create"/> receives α or null for its default.</summary>
    public static IServiceCollection AddSurrogate(this IServiceCollection services, string name, string description, Func<double?, SurrogateGradient> create) =>
        services.AddSingleton(new SurrogateRegistration(name, description, create));

    /// <summary>Registers a layer type (neuron layers included).</summary>
    public static IServiceCollection AddSpikingLayer(this IServiceCollection services, string name, string description, LayerFactory create) =>
        services.AddSingleton(new LayerRegistration(name, description, create));

    /// <summary>Registers an input encoder.</summary>
    public static IServiceCollection AddEncoder(this IServiceCollection services, string name, string description, Func<Registry.ConfigNode, ISpikeEncoder> create) =>
        services.AddSingleton(new EncoderRegistration(name, description, create));
}

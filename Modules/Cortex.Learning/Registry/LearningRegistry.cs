using Cortex.Learning.Encoding;
using Cortex.Learning.Surrogates;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Learning.Registry;

/// <summary>
/// The training components plugins registered, by name: surrogates, layers (neuron layers included) and
/// encoders. Read from the DI container like the engine's <c>ComponentRegistry</c>.
/// </summary>
public sealed class LearningRegistry
{
    /// <summary>Reads the registrations out of a service provider; a duplicate name is an error.</summary>
    public LearningRegistry(IServiceProvider services)
    {
        Surrogates = ByName(services.GetServices<SurrogateRegistration>(), r => r.Name, "surrogate");
        Layers = ByName(services.GetServices<LayerRegistration>(), r => r.Name, "layer");
        Encoders = ByName(services.GetServices<EncoderRegistration>(), r => r.Name, "encoder");
    }

    /// <summary>Surrogates by name.</summary>
    public IReadOnlyDictionary<string, SurrogateRegistration> Surrogates { get; }

    /// <summary>Layer types by name.</summary>
    public IReadOnlyDictionary<string, LayerRegistration> Layers { get; }

    /// <summary>Encoders by name.</summary>
    public IReadOnlyDictionary<string, EncoderRegistration> Encoders { get; }

    /// <summary>A registry holding only the built-in components.</summary>
    public static LearningRegistry BuiltIn()
    {
        var services = new ServiceCollection();
        new LearningPlugin().Configure(services);
        using var provider = services.BuildServiceProvider();
        return new LearningRegistry(provider);
    }

    /// <summary>Creates the surrogate <paramref name="name"/>; <paramref name="path"/> prefixes errors.</summary>
    public SurrogateGradient CreateSurrogate(string name, double? alpha, string path) =>
        Lookup(Surrogates, name, "surrogate", path).Create(alpha);

    /// <summary>Builds one layer from its configuration (its <c>type</c> selects the factory); <paramref name="steps"/> is the model's T where known.</summary>
    public BuiltLayer BuildLayer(ConfigNode config, IReadOnlyList<long> inputShape, int? steps = null)
    {
        var type = config.Text("type");
        var registration = Lookup(Layers, type, "layer type", $"{config.Path}.type");
        var built = registration.Create(config, new LayerBuildContext(inputShape, this, steps));
        config.RejectUnknownKeys();
        return built;
    }

    /// <summary>Creates an encoder from its configuration (its <c>type</c> selects the factory).</summary>
    public ISpikeEncoder CreateEncoder(ConfigNode config)
    {
        var type = config.Text("type");
        var encoder = Lookup(Encoders, type, "encoder", $"{config.Path}.type").Create(config);
        config.RejectUnknownKeys();
        return encoder;
    }

    private static T Lookup<T>(IReadOnlyDictionary<string, T> items, string name, string kind, string path) =>
        items.TryGetValue(name, out var item)
            ? item
            : throw new LearningConfigException($"{path}: unknown {kind} '{name}' (available: {string.Join(", ", items.Keys.Order(StringComparer.Ordinal))})");

    private static Dictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string> name, string kind) where T : notnull
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!result.TryAdd(name(item), item))
                throw new InvalidOperationException($"two {kind}s are registered as '{name(item)}'");
        }
        return result;
    }
}

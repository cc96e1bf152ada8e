using Cortex.Backends;
using Cortex.Circuits;
using Cortex.Models;
using Cortex.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Registry;

/// <summary>
/// Every component the plugins registered, by kind and name. Built from the DI container, so
/// built-in modules and third-party plugins arrive the same way.
/// </summary>
public sealed class ComponentRegistry
{
    /// <summary>Reads the components out of a service provider; a duplicate name is an error naming both.</summary>
    public ComponentRegistry(IServiceProvider services)
    {
        NeuronModels = ByName(services.GetServices<NeuronModel>(), m => m.Name, "neuron model");
        SynapseModels = ByName(services.GetServices<SynapseModel>(), m => m.Name, "synapse model");
        PlasticityRules = ByName(services.GetServices<PlasticityRule>(), r => r.Name, "plasticity rule");
        Backends = ByName(services.GetServices<IBackend>(), b => b.Name, "backend");
        Circuits = ByName(services.GetServices<CircuitModel>(), c => c.Name, "circuit");
        Tasks = ByName(services.GetServices<TaskModel>(), t => t.Name, "task");
    }

    /// <summary>Neuron models by name.</summary>
    public IReadOnlyDictionary<string, NeuronModel> NeuronModels { get; }

    /// <summary>Synapse models by name.</summary>
    public IReadOnlyDictionary<string, SynapseModel> SynapseModels { get; }

    /// <summary>Plasticity rules by name.</summary>
    public IReadOnlyDictionary<string, PlasticityRule> PlasticityRules { get; }

    /// <summary>Backends by name.</summary>
    public IReadOnlyDictionary<string, IBackend> Backends { get; }

    /// <summary>Circuits (reusable pieces of network, instantiated from a spec's <c>circuits</c>) by name.</summary>
    public IReadOnlyDictionary<string, CircuitModel> Circuits { get; }

    /// <summary>Cognitive tasks (environment + agent + metrics, run by <c>cortex task run</c>) by name.</summary>
    public IReadOnlyDictionary<string, TaskModel> Tasks { get; }

    /// <summary>The backend called <paramref name="name"/>, or an error listing the available ones.</summary>
    public IBackend GetBackend(string name) => Backends.TryGetValue(name, out var backend)
        ? backend
        : throw new UnknownComponentException($"unknown backend '{name}' (available: {string.Join(", ", Backends.Keys.Order(StringComparer.Ordinal))})");

    private static Dictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string> name, string kind) where T : notnull
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = name(item);
            if (!result.TryAdd(key, item))
                throw new DuplicateComponentException(
                    $"two {kind}s are named '{key}': {result[key].GetType().FullName} ({result[key].GetType().Assembly.GetName().Name}) and {item.GetType().FullName} ({item.GetType().Assembly.GetName().Name})");
        }
        return result;
    }
}

/// <summary>A name that no registered component has.</summary>
public sealed class UnknownComponentException(string message) : Exception(message);

/// <summary>Two components of one kind share a name.</summary>
public sealed class DuplicateComponentException(string message) : Exception(message);

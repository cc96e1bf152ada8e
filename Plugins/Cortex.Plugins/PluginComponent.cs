using Cortex.Backends;
using Cortex.Models;

namespace Cortex.Plugins.Loading;

/// <summary>The kinds of component the registries know by name, plus any other service a plugin registers.</summary>
public enum ComponentKind
{
    /// <summary>A <see cref="Models.NeuronModel"/>.</summary>
    NeuronModel,
    /// <summary>A <see cref="Models.SynapseModel"/>.</summary>
    SynapseModel,
    /// <summary>A <see cref="Models.PlasticityRule"/>.</summary>
    PlasticityRule,
    /// <summary>An <see cref="IBackend"/>.</summary>
    Backend,
    /// <summary>A <see cref="Circuits.CircuitModel"/>.</summary>
    Circuit,
    /// <summary>A <see cref="Tasks.TaskModel"/>.</summary>
    Task,
    /// <summary>Any other service: listed by its service type, not checked for name clashes.</summary>
    Service,
}

/// <summary>One thing a plugin registered: its kind, the name specs use, and the object itself.</summary>
/// <param name="Kind">What kind of component.</param>
/// <param name="Name">The name specs and <c>--backend</c> use (for services, the service type's name).</param>
/// <param name="ServiceType">The type it is registered as.</param>
/// <param name="Instance">The component (null for other services, which are created by the runtime on demand).</param>
public sealed record PluginComponent(ComponentKind Kind, string Name, Type ServiceType, object? Instance)
{
    /// <summary>Words for listings: "neuron model", "backend", …</summary>
    public static string Describe(ComponentKind kind) => kind switch
    {
        ComponentKind.NeuronModel => "neuron model",
        ComponentKind.SynapseModel => "synapse model",
        ComponentKind.PlasticityRule => "plasticity rule",
        ComponentKind.Backend => "backend",
        ComponentKind.Circuit => "circuit",
        ComponentKind.Task => "task",
        _ => "service",
    };

    /// <summary>The component kinds looked up by name, with the service type each is registered as.</summary>
    internal static readonly (ComponentKind Kind, Type ServiceType, Func<object, string> Name)[] Named =
    [
        (ComponentKind.NeuronModel, typeof(NeuronModel), o => ((NeuronModel)o).Name),
        (ComponentKind.SynapseModel, typeof(SynapseModel), o => ((SynapseModel)o).Name),
        (ComponentKind.PlasticityRule, typeof(PlasticityRule), o => ((PlasticityRule)o).Name),
        (ComponentKind.Backend, typeof(IBackend), o => ((IBackend)o).Name),
        (ComponentKind.Circuit, typeof(Circuits.CircuitModel), o => ((Circuits.CircuitModel)o).Name),
        (ComponentKind.Task, typeof(Tasks.TaskModel), o => ((Tasks.TaskModel)o).Name),
    ];
}

using Cortex.Circuits;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Plugins;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Tests.Circuits;

/// <summary>
/// Registries for the closed-loop spec tests: the built-in modules and circuits (as the command line loads them),
/// plus small test-only components that exercise what the built-ins do not (a shared-only parameter, neuromodulators,
/// a rule that refuses a receptor, circuits that fail).
/// </summary>
internal static class TestComponents
{
    private static readonly CortexRuntime BuiltIns = CortexRuntime.Create(
        CortexRuntime.PluginsIn(typeof(Cortex.Modules.ModulesPlugin).Assembly)
            .Concat(CortexRuntime.PluginsIn(typeof(Cortex.BrainRegions.BrainRegionsPlugin).Assembly)));

    private static readonly Lazy<ComponentRegistry> Extended = new(() =>
    {
        var services = new ServiceCollection();
        new Cortex.Modules.ModulesPlugin().Configure(services);
        new Cortex.BrainRegions.BrainRegionsPlugin().Configure(services);
        services.AddNeuronModel(new TestNeuron());
        services.AddPlasticityRule(new TestRule());
        services.AddCircuit(new RelayCircuit());
        services.AddCircuit(new ExplodingCircuit());
        services.AddCircuit(new ForgetfulCircuit());
        return new ComponentRegistry(services.BuildServiceProvider());
    });

    /// <summary>Kernel + built-in modules + built-in circuits.</summary>
    public static ComponentRegistry Registry => BuiltIns.Registry;

    /// <summary><see cref="Registry"/> plus the test-only components below.</summary>
    public static ComponentRegistry WithTestComponents => Extended.Value;

    public static CompiledNetwork Compile(NetworkSpec spec, int threads = 1) => new NetworkCompiler(Registry).Compile(spec, threads);
}

/// <summary>A neuron model with a shared-only parameter and two neuromodulators; only its description is used.</summary>
internal sealed class TestNeuron : NeuronModel
{
    public override string Name => "test_neuron";

    public override string Description => "test model: parameters and neuromodulators only";

    // Only described, never simulated: no backend asks for its concrete types.
    public override TResult Accept<TResult>(INeuronModelVisitor<TResult> visitor) => throw new NotSupportedException($"{Name} is a description-only test model");

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("v_rest", Dimension.Voltage, -65, ValueRule.Any, "resting potential"),
        new("substeps", Dimension.Dimensionless, 4, ValueRule.Positive, "integration substeps") { SharedOnly = true },
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("v", Dimension.Voltage, "membrane potential")];

    public override IReadOnlyList<string> Neuromodulators => ["serotonin", "dopamine"];

    public override double[] DefaultInitialState(ParameterValues values) => [values["v_rest"]];

    public override INeuronGroup CreateGroup(NeuronGroupSetup setup) => throw new NotSupportedException("test model");
}

/// <summary>A rule that reads neuromodulators and refuses voltage-jump receptors.</summary>
internal sealed class TestRule : PlasticityRule
{
    public const string Reason = "it needs a receptor with state to tag";

    public override string Name => "test_rule";

    public override string Description => "test rule: refuses delta synapses";

    public override IReadOnlyList<ParameterSpec> Parameters => [];

    public override IReadOnlyList<string> Neuromodulators => ["acetylcholine", "dopamine"];

    public override string? Refuses(SynapseModel receptor) => receptor.JumpsVoltage ? Reason : null;

    public override TResult Accept<TResult>(IPlasticityRuleVisitor<TResult> visitor) => throw new NotSupportedException("test rule");
}

/// <summary>One population <c>p</c> of <c>size</c> LIF neurons whose τ_m is the circuit's <c>tau</c>; ports in and out.</summary>
internal sealed class RelayCircuit : CircuitModel
{
    public override string Name => "relay";

    public override string Description => "test circuit: one population";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("size", Dimension.Dimensionless, 3, ValueRule.Positive, "neurons"),
        new("tau", Dimension.Time, 20, ValueRule.Any, "membrane time constant (deliberately unchecked here)"),
    ];

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "input"),
        new("out", PortDirection.Out, "output"),
    ];

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        builder.Population("p", (int)parameters["size"], "lif", p => p.Param("tau_m", Q.Ms(parameters["tau"])));
        builder.RecordSpikes("p");
        builder.Port("in", "p").Port("out", "p");
    }
}

/// <summary>A circuit whose Build throws.</summary>
internal sealed class ExplodingCircuit : CircuitModel
{
    public override string Name => "exploding";

    public override string Description => "test circuit: throws";

    public override IReadOnlyList<CircuitPort> Ports { get; } = [new("out", PortDirection.Out, "output")];

    public override void Build(CircuitBuilder builder, ParameterValues parameters) => throw new InvalidOperationException("boom");
}

/// <summary>A circuit that forgets to bind its output port.</summary>
internal sealed class ForgetfulCircuit : CircuitModel
{
    public override string Name => "forgetful";

    public override string Description => "test circuit: leaves a port unbound";

    public override IReadOnlyList<CircuitPort> Ports { get; } =
    [
        new("in", PortDirection.In, "input"),
        new("out", PortDirection.Out, "output"),
    ];

    public override void Build(CircuitBuilder builder, ParameterValues parameters)
    {
        builder.Population("p", 2, "lif");
        builder.Port("in", "p");
    }
}

using Cortex.Circuits;
using Cortex.Compilation;
using Cortex.Models;
using Cortex.Plugins;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cortex.Tests.Circuits;

/// <summary>
/// <see cref="CircuitBuilder.Neuromodulator"/>: a circuit declares the neuromodulators its models read; they join the
/// spec's (by their global name), and a second declaration of a name is one error at the circuit that repeats it.
/// </summary>
public sealed class CircuitNeuromodulatorTests
{
    private static readonly Lazy<ComponentRegistry> Registry = new(() =>
    {
        var services = new ServiceCollection();
        new Cortex.Modules.ModulesPlugin().Configure(services);
        services.AddCircuit(new ModulatedCircuit());
        services.AddCircuit(new TwiceModulatedCircuit());
        return new ComponentRegistry(services.BuildServiceProvider());
    });

    private static IReadOnlyList<SpecError> Errors(NetworkSpec spec) => new SpecValidator(Registry.Value).Validate(spec);

    private static NetworkBuilder Spec() => new NetworkBuilder().Duration(Q.Ms(1));

    [Fact]
    public void ADeclaredNeuromodulator_IsCompiledWithTheCircuitsBaselineAndTau()
    {
        var spec = Spec().Neuromodulator("dopamine", 0.5)
            .Circuit("modulated", "m", c => c.Param("baseline", 0.25).Param("tau", "20 ms")).Build();
        Assert.Empty(Errors(spec));
        var network = new NetworkCompiler(Registry.Value).Compile(spec, 1);
        Assert.Equal(["dopamine", "serotonin"], network.Neuromodulators.Select(n => n.Name));
        var serotonin = network.Neuromodulators[1];
        Assert.Equal(0.25f, serotonin.Baseline, 6);
        Assert.Equal((float)Math.Exp(-network.Dt / 20), serotonin.DecayPerStep, 6);
    }

    [Fact]
    public void WithoutTau_TheLevelHolds()
    {
        var network = new NetworkCompiler(Registry.Value).Compile(Spec().Circuit("modulated", "m").Build(), 1);
        Assert.Equal(1f, Assert.Single(network.Neuromodulators).DecayPerStep);
    }

    [Fact]
    public void TheSpecDeclaringTheSameName_IsOneErrorAtTheCircuit()
    {
        var error = Assert.Single(Errors(Spec().Neuromodulator("dopamine").Neuromodulator("serotonin", 0.1).Circuit("modulated", "m").Build()));
        Assert.Equal("circuits[0].neuromodulators[0].name", error.Path);
        Assert.StartsWith("circuit 'modulated' declares neuromodulator 'serotonin', which neuromodulators[1] already declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoInstances_DeclaringTheSameName_IsOneErrorAtTheSecond()
    {
        var error = Assert.Single(Errors(Spec().Circuit("modulated", "a").Circuit("modulated", "b").Build()));
        Assert.Equal("circuits[1].neuromodulators[0].name", error.Path);
        Assert.Contains("which circuits[0] ('a') already declares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACircuitDeclaringANameTwice_FailsToBuild()
    {
        var error = Assert.Single(Errors(Spec().Circuit("twice_modulated", "t").Build()));
        Assert.Equal("circuits[0]", error.Path);
        Assert.Contains("neuromodulator 'serotonin' is declared twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidDeclaration_IsReportedAtTheCircuit()
    {
        // The circuit passes a negative time constant through; the validator's complaint points back at the circuit.
        var error = Assert.Single(Errors(Spec().Circuit("modulated", "m", c => c.Param("tau", "-5 ms")).Build()));
        Assert.Equal("circuits[0].neuromodulators[0].tau", error.Path);
        Assert.Contains("built by circuit 'modulated'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One LIF cell and the neuromodulator "serotonin", with its baseline and tau (0: none) as parameters.</summary>
    private sealed class ModulatedCircuit : CircuitModel
    {
        public override string Name => "modulated";

        public override string Description => "test circuit declaring a neuromodulator";

        public override IReadOnlyList<ParameterSpec> Parameters { get; } =
        [
            new("baseline", Dimension.Dimensionless, 0, ValueRule.Any, "serotonin baseline"),
            new("tau", Dimension.Time, 0, ValueRule.Any, "serotonin time constant; 0 for none"),
        ];

        public override IReadOnlyList<CircuitPort> Ports { get; } = [new("out", PortDirection.Out, "the cell")];

        public override void Build(CircuitBuilder builder, ParameterValues parameters)
        {
            builder.Population("cell", 1, "lif");
            builder.Neuromodulator("serotonin", parameters["baseline"], parameters["tau"] != 0 ? Q.Ms(parameters["tau"]) : null);
            builder.Port("out", "cell");
        }
    }

    /// <summary>Declares the same neuromodulator twice: a circuit bug the builder refuses.</summary>
    private sealed class TwiceModulatedCircuit : CircuitModel
    {
        public override string Name => "twice_modulated";

        public override string Description => "test circuit declaring a neuromodulator twice";

        public override IReadOnlyList<CircuitPort> Ports { get; } = [new("out", PortDirection.Out, "the cell")];

        public override void Build(CircuitBuilder builder, ParameterValues parameters)
        {
            builder.Population("cell", 1, "lif");
            builder.Neuromodulator("serotonin").Neuromodulator("serotonin");
            builder.Port("out", "cell");
        }
    }
}

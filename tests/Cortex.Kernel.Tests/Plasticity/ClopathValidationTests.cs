using Cortex.Models;
using Cortex.Plugins;
using Cortex.Registry;
using Cortex.Spec;
using Cortex.Units;
using Cortex.Validation;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Cortex.Tests.Plasticity;

/// <summary>
/// Bad input for <c>clopath</c>: a target model without a membrane potential, and parameters out of range, each refused
/// with exactly one error at its JSON path.
/// </summary>
public sealed class ClopathValidationTests
{
    private static readonly Lazy<ComponentRegistry> Registry = new(() =>
    {
        var services = new ServiceCollection();
        new Cortex.Modules.ModulesPlugin().Configure(services);
        services.AddNeuronModel(new VoltagelessNeuron("rate_unit", new StateVariableSpec("rate", Dimension.Frequency, "firing rate")));
        services.AddNeuronModel(new VoltagelessNeuron("phase_unit", new StateVariableSpec("v", Dimension.Dimensionless, "phase in [0, 1)")));
        return new ComponentRegistry(services.BuildServiceProvider());
    });

    private static IReadOnlyList<SpecError> Errors(string targetModel, string ruleParams) => new SpecValidator(Registry.Value).Validate(SpecJson.Parse($$"""
        {
          "name": "clopath_bad",
          "simulation": { "dt": "0.1 ms", "duration": "10 ms" },
          "populations": [ { "name": "pre", "size": 2, "model": "lif" }, { "name": "post", "size": 2, "model": "{{targetModel}}" } ],
          "projections": [
            { "source": "pre", "target": "post", "connector": { "type": "all_to_all" }, "weight": "0.5 nA",
              "plasticity": { "rule": "clopath", "params": { {{ruleParams}} } } }
          ]
        }
        """));

    [Fact]
    public void The_valid_spec_passes()
    {
        Assert.Empty(Errors("adex", """ "w_max": 2, "theta_minus": "-65 mV", "spike_width": "1 ms" """));
    }

    [Theory]
    [InlineData("rate_unit")]
    [InlineData("phase_unit")]
    public void A_target_model_without_a_membrane_potential_is_refused_at_the_rule(string model)
    {
        var error = Assert.Single(Errors(model, ""));
        Assert.Equal(
            $"projections[0].plasticity.rule: 'clopath' reads the postsynaptic membrane potential, and '{model}' (population 'post') has none (a state variable 'v' in mV)",
            error.ToString());
    }

    [Theory]
    [InlineData(""" "tau_minus": "0 ms" """, "projections[0].plasticity.params.tau_minus")]
    [InlineData(""" "tau_x": "-15 ms" """, "projections[0].plasticity.params.tau_x")]
    [InlineData(""" "a_ltp": -8e-5 """, "projections[0].plasticity.params.a_ltp")]
    [InlineData(""" "a_ltd": -1 """, "projections[0].plasticity.params.a_ltd")]
    [InlineData(""" "theta_minus": "-70.6 ms" """, "projections[0].plasticity.params.theta_minus")]
    [InlineData(""" "theta_plus": "-75 mV" """, "projections[0].plasticity.params.theta_plus")]
    [InlineData(""" "w_min": 2 """, "projections[0].plasticity.params.w_min")]
    [InlineData(""" "u_spike": "-50 mV" """, "projections[0].plasticity.params.u_spike")]
    [InlineData(""" "spike_width": "-2 ms" """, "projections[0].plasticity.params.spike_width")]
    public void An_out_of_range_parameter_gives_one_error_at_its_path(string ruleParams, string path)
    {
        var error = Assert.Single(Errors("adex", ruleParams));
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_spike_voltage_below_theta_plus_is_fine_when_the_rule_reads_the_neuron_own_voltage()
    {
        Assert.Empty(Errors("hh", """ "u_spike": "-50 mV", "spike_width": "0 ms" """));
    }

    /// <summary>A model whose state has no membrane potential in mV; only its description is used.</summary>
    private sealed class VoltagelessNeuron(string name, StateVariableSpec variable) : NeuronModel
    {
        public override string Name => name;

        public override string Description => "test model without a membrane potential";

        // Only described, never simulated: no backend asks for its concrete types.
        public override TResult Accept<TResult>(INeuronModelVisitor<TResult> visitor) => throw new NotSupportedException($"{Name} is a description-only test model");

        public override IReadOnlyList<ParameterSpec> Parameters => [];

        public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [variable];

        public override double[] DefaultInitialState(ParameterValues values) => [0];

        public override INeuronGroup CreateGroup(NeuronGroupSetup setup) => throw new NotSupportedException("test model");
    }
}

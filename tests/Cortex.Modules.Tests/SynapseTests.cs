using Cortex.Models;
using Cortex.Modules.Synapses;
using Cortex.Units;
using Xunit;

namespace Cortex.Modules.Tests;

public class SynapseTests
{
    private static ReceptorDynamics Prepare(SynapseModel model, double dt, params (string Name, double Value)[] overrides) =>
        model.Linear(new ParameterValues(model.Parameters, overrides.ToDictionary(o => o.Name, o => o.Value)), dt)
        ?? throw new InvalidOperationException($"{model.Name} is not linear");

    [Fact]
    public void Delta_synapse_is_a_voltage_jump_without_state()
    {
        var model = new DeltaSynapse();
        var receptor = Prepare(model, 0.1);

        Assert.Equal("delta", model.Name);
        Assert.Equal(ReceptorKind.VoltageJump, receptor.Kind);
        Assert.Equal(Dimension.Voltage, model.WeightDimension);
        Assert.Empty(model.Parameters);
        Assert.Equal(0f, receptor.Decay);
        Assert.True(model.WeightRule.Accepts(-1), "inhibitory jumps are negative");
    }

    [Theory]
    [InlineData(0.1, 5.0)]
    [InlineData(0.1, 2.0)]
    [InlineData(1.0, 10.0)]
    public void Exp_current_decays_by_exp_minus_dt_over_tau(double dt, double tau)
    {
        var model = new ExpCurrentSynapse();
        var receptor = Prepare(model, dt, ("tau_syn", tau));

        Assert.Equal(ReceptorKind.Current, receptor.Kind);
        Assert.Equal(Dimension.Current, model.WeightDimension);
        Assert.Equal(Math.Exp(-dt / tau), receptor.Decay, 1e-7);
    }

    [Fact]
    public void Exp_current_defaults_to_5_ms()
    {
        var receptor = Prepare(new ExpCurrentSynapse(), 0.1);
        Assert.Equal(Math.Exp(-0.1 / 5), receptor.Decay, 1e-7);
    }

    [Theory]
    [InlineData(0.1, 5.0, 0.0)]
    [InlineData(0.1, 10.0, -80.0)]
    public void Exp_conductance_decays_by_exp_minus_dt_over_tau_with_its_reversal(double dt, double tau, double eRev)
    {
        var model = new ExpConductanceSynapse();
        var receptor = Prepare(model, dt, ("tau_syn", tau), ("e_rev", eRev));

        Assert.Equal(ReceptorKind.Conductance, receptor.Kind);
        Assert.Equal(Dimension.Conductance, model.WeightDimension);
        Assert.Equal(Math.Exp(-dt / tau), receptor.Decay, 1e-7);
        Assert.Equal((float)eRev, receptor.Reversal);
    }

    [Fact]
    public void Exp_conductance_rejects_negative_weights()
    {
        var model = new ExpConductanceSynapse();
        Assert.Equal(ValueRule.NonNegative, model.WeightRule);
        Assert.False(model.WeightRule.Accepts(-0.001));
        Assert.True(model.WeightRule.Accepts(0));
    }

    [Fact]
    public void Time_constants_must_be_positive()
    {
        foreach (SynapseModel model in new SynapseModel[] { new ExpCurrentSynapse(), new ExpConductanceSynapse() })
            Assert.False(model.Parameters.Single(p => p.Name == "tau_syn").Rule.Accepts(0));
    }
}

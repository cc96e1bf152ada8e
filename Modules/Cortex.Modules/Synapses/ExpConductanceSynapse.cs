using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// Exponentially decaying conductance: each arriving spike adds the weight (µS, never negative) to the
/// receptor conductance g, which obeys τ_syn dg/dt = −g and drives the current g·(e_rev − v). Integrated
/// exactly: g is multiplied by exp(−dt/τ_syn) every step.
/// </summary>
public sealed class ExpConductanceSynapse : LinearSynapseModel
{
    public override string Name => "exp_conductance";

    public override string Description => "conductance jump of the weight (µS) decaying with tau_syn, reversal e_rev; exact decay";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_syn", Dimension.Time, 5, ValueRule.Positive, "decay time constant of the synaptic conductance"),
        new("e_rev", Dimension.Voltage, 0, ValueRule.Any, "reversal potential"),
    ];

    public override Dimension WeightDimension => Dimension.Conductance;

    public override ValueRule WeightRule => ValueRule.NonNegative;

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("g", Dimension.Conductance, "synaptic conductance")];

    public override ReceptorDynamics PrepareLinear(ParameterValues p, double dt) =>
        new(ReceptorKind.Conductance, (float)Math.Exp(-dt / p["tau_syn"]), (float)p["e_rev"]);
}

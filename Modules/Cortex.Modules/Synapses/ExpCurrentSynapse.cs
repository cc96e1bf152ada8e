using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// Exponentially decaying current: each arriving spike adds the weight (nA) to the receptor current I_syn,
/// which obeys τ_syn dI_syn/dt = −I_syn. Integrated exactly: I_syn is multiplied by exp(−dt/τ_syn) every step.
/// </summary>
public sealed class ExpCurrentSynapse : LinearSynapseModel
{
    public override string Name => "exp_current";

    public override string Description => "current jump of the weight (nA) decaying with tau_syn; exact decay";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_syn", Dimension.Time, 5, ValueRule.Positive, "decay time constant of the synaptic current"),
    ];

    public override Dimension WeightDimension => Dimension.Current;

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("i", Dimension.Current, "synaptic current")];

    public override ReceptorDynamics PrepareLinear(ParameterValues p, double dt) =>
        new(ReceptorKind.Current, (float)Math.Exp(-dt / p["tau_syn"]), 0);
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// Delta synapse: each arriving spike jumps the target's membrane potential by the weight (mV) at once.
/// No receptor state, so nothing to integrate.
/// </summary>
public sealed class DeltaSynapse : LinearSynapseModel
{
    public override string Name => "delta";

    public override string Description => "instantaneous voltage jump of the weight (mV)";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } = [];

    public override Dimension WeightDimension => Dimension.Voltage;

    public override bool JumpsVoltage => true;

    public override ReceptorDynamics PrepareLinear(ParameterValues p, double dt) => new(ReceptorKind.VoltageJump, 0, 0);
}

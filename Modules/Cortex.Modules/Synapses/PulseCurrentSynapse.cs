using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// Current pulse lasting one step: the weights (nA) arriving in a step are the receptor current for
/// exactly that step and are gone the next (per-step decay 0). This is the input of a discrete-time
/// network layer, y[t] = W·s[t], which is how NIR graphs and trained TorchSharp models drive neurons.
/// </summary>
public sealed class PulseCurrentSynapse : LinearSynapseModel
{
    public override string Name => "pulse_current";

    public override string Description => "current of the weight (nA) held for the arrival step only";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } = [];

    public override Dimension WeightDimension => Dimension.Current;

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("i", Dimension.Current, "synaptic current")];

    public override ReceptorDynamics PrepareLinear(ParameterValues p, double dt) => new(ReceptorKind.Current, 0, 0);
}

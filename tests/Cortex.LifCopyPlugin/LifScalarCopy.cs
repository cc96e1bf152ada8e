using Cortex.Models;

namespace Cortex.LifCopyPlugin;

/// <summary>
/// <see cref="LifCopy"/> without the optional SIMD lane form: the same parameters, state and scalar step, as a plugin
/// author who writes only <see cref="INeuronDynamics{TState, TParams}"/> gets it. The CPU backend runs it in the model's
/// JIT-specialised scalar loop; it must give the same spikes as the lane form.
/// </summary>
public sealed class LifScalarCopy : NeuronModel<LifCopy.State, LifCopy.Params, LifScalarCopy.Dynamics>
{
    private readonly LifCopy _lif = new();

    public override string Name => "lif_scalar";

    public override string Description => "leaky integrate-and-fire (lif_copy) without SIMD lanes, for comparisons";

    public override IReadOnlyList<ParameterSpec> Parameters => _lif.Parameters;

    public override IReadOnlyList<StateVariableSpec> StateVariables => _lif.StateVariables;

    public override IEnumerable<ParameterProblem> Check(ParameterValues p) => _lif.Check(p);

    public override LifCopy.Params Prepare(ParameterValues p, double dt) => _lif.Prepare(p, dt);

    public override LifCopy.State InitialState(ParameterValues p) => _lif.InitialState(p);

    /// <summary>The scalar operations of <see cref="LifCopy.Dynamics"/>, and nothing else.</summary>
    public readonly struct Dynamics : INeuronDynamics<LifCopy.State, LifCopy.Params>
    {
        public bool Step(ref LifCopy.State s, in LifCopy.Params p, in NeuronInput input) => default(LifCopy.Dynamics).Step(ref s, in p, in input);

        public float Voltage(in LifCopy.State s) => s.V;

        public void AddVoltage(ref LifCopy.State s, in LifCopy.Params p, float jump) => default(LifCopy.Dynamics).AddVoltage(ref s, in p, jump);

        public float Get(in LifCopy.State s, int variable) => default(LifCopy.Dynamics).Get(in s, variable);

        public void Set(ref LifCopy.State s, int variable, float value) => default(LifCopy.Dynamics).Set(ref s, variable, value);
    }
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// Alpha-function current: a spike of weight w (nA) arriving at t = 0 gives the receptor current
/// I(t) = w·(t/τ)·e^(1 − t/τ), which rises from 0 to its peak w at t = τ (τ = tau_syn) and decays after.
/// Written as a linear two-state system with an auxiliary current a (nA):
///   τ da/dt = −a,   τ di/dt = a − i,   an arriving weight w adds e·w to a,
/// so that a(t) = e·w·e^(−t/τ) and i(t) = e·w·(t/τ)·e^(−t/τ) = w·(t/τ)·e^(1 − t/τ).
/// Integrated exactly (the propagator of the linear system, as NEST's iaf_psc_alpha does; Rotter &amp; Diesmann
/// 1999, Biol. Cybern. 81:381): with P = e^(−dt/τ), a ← P·a and i ← P·i + (dt/τ)·P·a over one step.
/// The weights arriving in step n are received before the step's input is read, so a lone spike arriving in
/// step 0 contributes I(k·dt) in step k: 0 in its arrival step, w in step τ/dt.
/// </summary>
public sealed class AlphaCurrentSynapse : SynapseModel<AlphaCurrentSynapse.State, AlphaCurrentSynapse.Params, AlphaCurrentSynapse.Dynamics>
{
    public override string Name => "alpha_current";

    public override string Description => "alpha-function current w·(t/tau_syn)·e^(1 − t/tau_syn), peak w (nA) at tau_syn; exact";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_syn", Dimension.Time, 2, ValueRule.Positive, "time to peak (and decay time constant) of the alpha current"),
    ];

    public override Dimension WeightDimension => Dimension.Current;

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("i", Dimension.Current, "synaptic current"),
        new("a", Dimension.Current, "auxiliary current driving i (tau_syn·di/dt = a − i); an arriving weight w adds e·w"),
    ];

    public override Params Prepare(ParameterValues p, double dt)
    {
        var tau = p["tau_syn"];
        var decay = Math.Exp(-dt / tau);
        return new()
        {
            Decay = (float)decay,
            Coupling = (float)(dt / tau * decay),
            Jump = (float)Math.E,
        };
    }

    public struct Params
    {
        /// <summary>e^(−dt/τ): the decay of a and of i over one step.</summary>
        public float Decay;
        /// <summary>(dt/τ)·e^(−dt/τ): what a adds to i over one step.</summary>
        public float Coupling;
        /// <summary>e: an arriving weight w adds e·w to a, so that the peak of i is w.</summary>
        public float Jump;
    }

    public struct State
    {
        public float I, A;
    }

    public readonly struct Dynamics : IReceptorDynamics<State, Params>
    {
        public void Receive(ref State s, in Params p, float weight) => s.A += p.Jump * weight;

        public PortInput Input(in State s, in Params p, float voltage) => PortInput.FromCurrent(s.I);

        public void Advance(ref State s, in Params p)
        {
            s.I = p.Decay * s.I + p.Coupling * s.A;
            s.A *= p.Decay;
        }

        public float Get(in State s, int variable) => variable == 0 ? s.I : s.A;

        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.I = value;
            else s.A = value;
        }
    }
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// Rise/decay (bi-exponential) conductance: a spike of weight w (µS, never negative) arriving at t = 0 gives
/// g(t) = w·f·(e^(−t/τ_d) − e^(−t/τ_r)), τ_r = tau_rise &lt; τ_d = tau_decay, with f chosen so that the peak, at
/// t_p = τ_d·τ_r/(τ_d − τ_r)·ln(τ_d/τ_r), is exactly w: f = 1/(e^(−t_p/τ_d) − e^(−t_p/τ_r)). The current is
/// g·(e_rev − v). (The kernel of NEURON's Exp2Syn and NEST's iaf_cond_beta; Rotter &amp; Diesmann 1999.)
/// State: g and an auxiliary conductance x, the part of the response still to rise, with
///   τ_r dx/dt = −x,   dg/dt = −g/τ_d + x·(1/τ_r − 1/τ_d),   an arriving weight w adds f·w to x,
/// so that g + x decays with τ_d and x with τ_r, and g = (g + x) − x is the difference of exponentials above.
/// Integrated exactly: with P_d = e^(−dt/τ_d), P_r = e^(−dt/τ_r), g ← P_d·g + (P_d − P_r)·x and x ← P_r·x.
/// The weights arriving in step n are received before the step's input is read, so a lone spike arriving in
/// step 0 contributes g(k·dt) in step k (0 in its arrival step).
/// </summary>
public sealed class BiexpConductanceSynapse : SynapseModel<BiexpConductanceSynapse.State, BiexpConductanceSynapse.Params, BiexpConductanceSynapse.Dynamics>
{
    public override string Name => "biexp_conductance";

    public override string Description => "conductance with rise tau_rise and decay tau_decay, peak the weight (µS), reversal e_rev; exact";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_rise", Dimension.Time, 0.5, ValueRule.Positive, "rise time constant of the conductance (below tau_decay)"),
        new("tau_decay", Dimension.Time, 5, ValueRule.Positive, "decay time constant of the conductance"),
        new("e_rev", Dimension.Voltage, 0, ValueRule.Any, "reversal potential"),
    ];

    public override Dimension WeightDimension => Dimension.Conductance;

    public override ValueRule WeightRule => ValueRule.NonNegative;

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("g", Dimension.Conductance, "synaptic conductance"),
        new("x", Dimension.Conductance, "conductance still to rise (g + x decays with tau_decay, x with tau_rise); an arriving weight w adds f·w"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (!(p["tau_rise"] < p["tau_decay"]))
            yield return new("tau_rise", $"must be below tau_decay ({p["tau_decay"]} ms), got {p["tau_rise"]} ms");
    }

    /// <summary>Time of the peak (ms) of the response to one spike: τ_d·τ_r/(τ_d − τ_r)·ln(τ_d/τ_r).</summary>
    public static double PeakTime(double tauRise, double tauDecay) =>
        tauDecay * tauRise / (tauDecay - tauRise) * Math.Log(tauDecay / tauRise);

    /// <summary>The factor f that makes the peak of w·f·(e^(−t/τ_d) − e^(−t/τ_r)) equal to w.</summary>
    public static double PeakFactor(double tauRise, double tauDecay)
    {
        var tp = PeakTime(tauRise, tauDecay);
        return 1 / (Math.Exp(-tp / tauDecay) - Math.Exp(-tp / tauRise));
    }

    public override Params Prepare(ParameterValues p, double dt)
    {
        double tauRise = p["tau_rise"], tauDecay = p["tau_decay"];
        if (!(tauRise < tauDecay))
            throw new ArgumentException($"tau_rise ({tauRise} ms) must be below tau_decay ({tauDecay} ms)", nameof(p));
        double decay = Math.Exp(-dt / tauDecay), rise = Math.Exp(-dt / tauRise);
        return new()
        {
            DecayG = (float)decay,
            // e^(−dt/τ_d) − e^(−dt/τ_r) without cancellation when the two time constants are close.
            Coupling = (float)(decay * -Expm1.Of(-dt * (1 / tauRise - 1 / tauDecay))),
            DecayX = (float)rise,
            Jump = (float)PeakFactor(tauRise, tauDecay),
            Reversal = (float)p["e_rev"],
        };
    }

    public struct Params
    {
        /// <summary>e^(−dt/τ_d).</summary>
        public float DecayG;
        /// <summary>e^(−dt/τ_d) − e^(−dt/τ_r): what x adds to g over one step.</summary>
        public float Coupling;
        /// <summary>e^(−dt/τ_r).</summary>
        public float DecayX;
        /// <summary>The peak normalisation f.</summary>
        public float Jump;
        public float Reversal;
    }

    public struct State
    {
        public float G, X;
    }

    public readonly struct Dynamics : IReceptorDynamics<State, Params>
    {
        public void Receive(ref State s, in Params p, float weight) => s.X += p.Jump * weight;

        public PortInput Input(in State s, in Params p, float voltage) => PortInput.FromConductance(s.G, p.Reversal, voltage);

        public void Advance(ref State s, in Params p)
        {
            s.G = p.DecayG * s.G + p.Coupling * s.X;
            s.X *= p.DecayX;
        }

        public float Get(in State s, int variable) => variable == 0 ? s.G : s.X;

        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.G = value;
            else s.X = value;
        }
    }
}

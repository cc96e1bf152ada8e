using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Synapses;

/// <summary>
/// NMDA receptor with saturating gating and Jahr–Stevens Mg²⁺ block, as in Wang (2002, Neuron 36:955) and
/// Brunel &amp; Wang (2001, J. Comput. Neurosci. 11:63):
///   dx/dt = −x/τ_rise + Σ_k w_k·δ(t − t_k)          (w dimensionless: an arriving weight is the increment of x)
///   ds/dt = −s/τ_decay + α·x·(1 − s)                  (0 ≤ s ≤ 1 while x ≥ 0)
///   I = g_max·s·B(v)·(e_rev − v),   B(v) = 1/(1 + [Mg²⁺]/3.57·e^(−0.062·v))   (v in mV, [Mg²⁺] in mM;
///                                                                            Jahr &amp; Stevens 1990, J. Neurosci. 10:3178)
/// One (x, s) pair per neuron and port: the weights of every presynaptic spike add to the same x, so saturation
/// acts on the pooled gating. In the linear regime (α·x ≪ 1/τ_decay) this equals Wang's sum of per-synapse
/// gatings; near saturation it is the usual pooled approximation.
/// Integration over one step dt: x exactly, x ← x·e^(−dt/τ_rise). s is linear in s for given x, so it takes an
/// exponential-Euler step with x frozen over the step at x̄, its exact mean over the step,
///   x̄ = x·τ_rise·(1 − e^(−dt/τ_rise))/dt,   k = 1/τ_decay + α·x̄,   s∞ = α·x̄/k,   s ← s∞ + (s − s∞)·e^(−k·dt),
/// where x is the value after this step's arrivals. s stays in [0, 1] (s∞ &lt; 1 and the update is a convex
/// combination of s and s∞). The error is second order in dt (dt²/(12·τ_rise·τ_decay) relative in the linear regime):
/// against a fine RK4 integration it is about 4e-6 relative at dt = 0.1 ms with the defaults, saturated or not. (Freezing x
/// at its start-of-step value instead would overestimate the drive by about dt/(2τ_rise), 2.5 % at dt = 0.1 ms.)
/// alpha is a rate and has the dimension of a frequency: internally Hz, so the default 0.5 /ms is 500 Hz ("0.5 kHz" in a
/// spec); mg is a plain number in mM. The input is evaluated at the membrane potential the step starts from. It is reported as the current I and
/// also as the effective conductance g_max·s·B(v) (µS) with reversal e_rev, so that a compartment model can use
/// it; that conductance depends on v through the block.
/// </summary>
public sealed class NmdaSynapse : SynapseModel<NmdaSynapse.State, NmdaSynapse.Params, NmdaSynapse.Dynamics>
{
    /// <summary>The Mg²⁺ concentration (mM) that blocks half the conductance at v = 0 in Jahr &amp; Stevens' fit.</summary>
    public const double MgHalfBlock = 3.57;

    /// <summary>The voltage dependence of the block (1/mV) in Jahr &amp; Stevens' fit.</summary>
    public const double BlockSlope = 0.062;

    public override string Name => "nmda";

    public override string Description =>
        "NMDA receptor (Wang 2002): saturating gating s driven by x (weight dimensionless), Mg block (Jahr & Stevens 1990); exact x, exponential-Euler s";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_rise", Dimension.Time, 2, ValueRule.Positive, "decay time constant of x, which drives the opening of s"),
        new("tau_decay", Dimension.Time, 100, ValueRule.Positive, "decay time constant of the gating s"),
        new("alpha", Dimension.Frequency, 500, ValueRule.NonNegative, "opening rate of s per unit x (0.5 /ms = 500 Hz = '0.5 kHz')"),
        new("g_max", Dimension.Conductance, 0.01, ValueRule.NonNegative, "conductance when s = 1 and unblocked"),
        new("e_rev", Dimension.Voltage, 0, ValueRule.Any, "reversal potential"),
        new("mg", Dimension.Dimensionless, 1, ValueRule.NonNegative, "extracellular Mg2+ concentration in mM (a plain number)"),
    ];

    public override Dimension WeightDimension => Dimension.Dimensionless;

    public override ValueRule WeightRule => ValueRule.NonNegative;

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("x", Dimension.Dimensionless, "presynaptic drive of the gating; an arriving weight adds to it"),
        new("s", Dimension.Dimensionless, "gating variable (open fraction, between 0 and 1)"),
    ];

    /// <summary>The Jahr–Stevens unblocked fraction 1/(1 + [Mg²⁺]/3.57·e^(−0.062·v)) at <paramref name="v"/> (mV), [Mg²⁺] = <paramref name="mg"/> (mM).</summary>
    public static double Unblocked(double v, double mg) => 1 / (1 + mg / MgHalfBlock * Math.Exp(-BlockSlope * v));

    public override Params Prepare(ParameterValues p, double dt)
    {
        var tauRise = p["tau_rise"];
        var decayX = Math.Exp(-dt / tauRise);
        return new()
        {
            DecayX = (float)decayX,
            // 1 − e^(−dt/τ_rise) through expm1, so that a very slow x (τ_rise ≫ dt) keeps its mean exactly.
            MeanX = (float)(tauRise * -Expm1.Of(-dt / tauRise) / dt),
            // alpha is held in Hz internally (the Frequency unit); the equations are in ms.
            Alpha = (float)(p["alpha"] * 1e-3),
            InvTauDecay = (float)(1 / p["tau_decay"]),
            Dt = (float)dt,
            GMax = (float)p["g_max"],
            Reversal = (float)p["e_rev"],
            MgFactor = (float)(p["mg"] / MgHalfBlock),
            BlockSlope = (float)BlockSlope,
        };
    }

    public struct Params
    {
        /// <summary>e^(−dt/τ_rise).</summary>
        public float DecayX;
        /// <summary>τ_rise·(1 − e^(−dt/τ_rise))/dt: the mean of x over a step per unit x at its start.</summary>
        public float MeanX;
        /// <summary>α (1/ms).</summary>
        public float Alpha;
        /// <summary>1/τ_decay (1/ms).</summary>
        public float InvTauDecay;
        public float Dt;
        public float GMax;
        public float Reversal;
        /// <summary>[Mg²⁺]/3.57.</summary>
        public float MgFactor;
        /// <summary>0.062 /mV.</summary>
        public float BlockSlope;
    }

    public struct State
    {
        public float X, S;
    }

    public readonly struct Dynamics : IReceptorDynamics<State, Params>
    {
        public void Receive(ref State s, in Params p, float weight) => s.X += weight;

        public PortInput Input(in State s, in Params p, float voltage)
        {
            var unblocked = 1 / (1 + p.MgFactor * MathF.Exp(-p.BlockSlope * voltage));
            return PortInput.FromConductance(p.GMax * s.S * unblocked, p.Reversal, voltage);
        }

        public void Advance(ref State s, in Params p)
        {
            var drive = p.Alpha * s.X * p.MeanX;
            var rate = p.InvTauDecay + drive;
            var sInf = drive / rate;
            s.S = sInf + (s.S - sInf) * MathF.Exp(-rate * p.Dt);
            s.X *= p.DecayX;
        }

        public float Get(in State s, int variable) => variable == 0 ? s.X : s.S;

        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.X = value;
            else s.S = value;
        }
    }
}

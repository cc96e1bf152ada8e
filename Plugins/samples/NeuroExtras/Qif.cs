using Cortex.Models;
using Cortex.Units;

namespace NeuroExtras;

/// <summary>
/// Quadratic integrate-and-fire neuron (Latham et al. 2000; Ermentrout 1996's normal form of class-1 excitability):
/// <code>
/// cm dv/dt = g_l (v − v_rest)(v − v_crit) / (v_crit − v_rest) + I
/// </code>
/// Near v_rest it leaks like a LIF with conductance g_l; above v_crit it runs away; at v_peak it spikes and resets
/// to v_reset, clamped there for tau_refrac.
/// <para>
/// Closed form. With Δ = v_crit − v_rest, v_m = (v_rest + v_crit)/2, x = v − v_m, τ = cm/g_l and s = t/(τΔ) the
/// equation is dx/ds = x² + c with c = Δ·I/g_l − Δ²/4. The rheobase is I_rh = g_l·Δ/4 (c = 0). Above it, with
/// κ = √c, x(s) = κ·tan(atan(x₀/κ) + κs), so the time from reset to peak, and the inter-spike interval, is
/// <code>
/// T = (τΔ/κ)·[atan(x_peak/κ) − atan(x_reset/κ)],   ISI = T + tau_refrac,
/// </code>
/// which tends to T = π / √(g_l (I − I_rh) / (cm² Δ)) as v_peak → +∞ and v_reset → −∞. Below the rheobase v settles
/// at v_m − √(−c).
/// </para>
/// <para>
/// Integration is exact for input held constant over a step (the solution above, and its tanh/coth and c = 0
/// counterparts), so the only error is that a spike is registered at the end of the step in which v crosses
/// v_peak: the simulated ISI is T + tau_refrac rounded up to whole steps.
/// </para>
/// </summary>
public sealed class Qif : NeuronModel<Qif.State, Qif.Params, Qif.Dynamics>
{
    /// <inheritdoc />
    public override string Name => "qif";

    /// <inheritdoc />
    public override string Description => "quadratic integrate-and-fire (NeuroExtras sample plugin); exact for piecewise-constant input";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("cm", Dimension.Capacitance, 0.25, ValueRule.Positive, "membrane capacitance"),
        new("g_l", Dimension.Conductance, 0.0125, ValueRule.Positive, "leak conductance at rest (tau = cm/g_l)"),
        new("v_rest", Dimension.Voltage, -65, ValueRule.Any, "stable fixed point without input"),
        new("v_crit", Dimension.Voltage, -50, ValueRule.Any, "unstable fixed point (threshold) without input"),
        new("v_peak", Dimension.Voltage, 20, ValueRule.Any, "spike cut-off"),
        new("v_reset", Dimension.Voltage, -70, ValueRule.Any, "potential after a spike"),
        new("tau_refrac", Dimension.Time, 0, ValueRule.NonNegative, "absolute refractory period"),
        new("i_offset", Dimension.Current, 0, ValueRule.Any, "constant bias current"),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("v", Dimension.Voltage, "membrane potential"),
        new("refractory", Dimension.Dimensionless, "time steps of refractoriness left"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["v_crit"] <= p["v_rest"]) yield return new("v_crit", $"must be above v_rest ({p["v_rest"]} mV), got {p["v_crit"]} mV");
        if (p["v_peak"] <= p["v_crit"]) yield return new("v_peak", $"must be above v_crit ({p["v_crit"]} mV), got {p["v_peak"]} mV");
        if (p["v_reset"] >= p["v_peak"]) yield return new("v_reset", $"must be below v_peak ({p["v_peak"]} mV), got {p["v_reset"]} mV");
    }

    /// <inheritdoc />
    public override Params Prepare(ParameterValues p, double dt)
    {
        var width = p["v_crit"] - p["v_rest"];
        var middle = (p["v_crit"] + p["v_rest"]) / 2;
        return new Params
        {
            Middle = middle,
            Width = width,
            GL = p["g_l"],
            StepScaled = dt * p["g_l"] / (p["cm"] * width),
            XPeak = p["v_peak"] - middle,
            VReset = p["v_reset"],
            IOffset = p["i_offset"],
            RefractorySteps = (int)Math.Round(p["tau_refrac"] / dt),
        };
    }

    /// <inheritdoc />
    public override State InitialState(ParameterValues p) => new() { V = p["v_rest"] };

    /// <summary>Interval between spikes (ms) for a constant input current <paramref name="current"/> (nA), from the closed form; infinity at or below the rheobase.</summary>
    public static double InterSpikeInterval(ParameterValues p, double current)
    {
        var width = p["v_crit"] - p["v_rest"];
        var middle = (p["v_crit"] + p["v_rest"]) / 2;
        var c = width * (current + p["i_offset"]) / p["g_l"] - width * width / 4;
        if (c <= 0) return double.PositiveInfinity;
        var kappa = Math.Sqrt(c);
        var tau = p["cm"] / p["g_l"];
        return tau * width / kappa * (Math.Atan((p["v_peak"] - middle) / kappa) - Math.Atan((p["v_reset"] - middle) / kappa)) + p["tau_refrac"];
    }

    /// <summary>Parameters prepared for one dt, in the scaled variables of the closed form.</summary>
    public struct Params
    {
        /// <summary>v_m = (v_rest + v_crit)/2 (mV).</summary>
        public double Middle;
        /// <summary>Δ = v_crit − v_rest (mV).</summary>
        public double Width;
        /// <summary>g_l (µS).</summary>
        public double GL;
        /// <summary>dt in scaled time: dt/(τΔ).</summary>
        public double StepScaled;
        /// <summary>v_peak − v_m (mV).</summary>
        public double XPeak;
        /// <summary>v_reset (mV).</summary>
        public double VReset;
        /// <summary>i_offset (nA).</summary>
        public double IOffset;
        /// <summary>Steps v stays clamped after a spike.</summary>
        public int RefractorySteps;
    }

    /// <summary>Per-neuron state.</summary>
    public struct State
    {
        /// <summary>Membrane potential (mV), in double precision so the exact step keeps its accuracy.</summary>
        public double V;
        /// <summary>Steps of refractoriness left.</summary>
        public int Refractory;
    }

    /// <summary>The exact step for input constant over the step.</summary>
    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        /// <inheritdoc />
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            var current = input.Current;
            if (s.Refractory > 0)
            {
                s.Refractory--;
                s.V = p.VReset;
                return false;
            }
            var x = s.V - p.Middle;
            var c = p.Width * (current + p.IOffset) / p.GL - p.Width * p.Width / 4;
            if (p.StepScaled >= TimeToPeak(x, c, p.XPeak))
            {
                s.V = p.VReset;
                s.Refractory = p.RefractorySteps;
                return true;
            }
            s.V = p.Middle + Advance(x, c, p.StepScaled);
            return false;
        }

        /// <inheritdoc />
        public float Voltage(in State s) => (float)s.V;

        /// <inheritdoc />
        public void AddVoltage(ref State s, in Params p, float jump)
        {
            if (s.Refractory == 0) s.V += jump;
        }

        /// <inheritdoc />
        public float Get(in State s, int variable) => variable == 0 ? (float)s.V : s.Refractory;

        /// <inheritdoc />
        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.V = value;
            else s.Refractory = (int)value;
        }

        // Scaled time for dx/ds = x² + c to carry x up to xPeak; infinity when it never gets there.
        private static double TimeToPeak(double x, double c, double xPeak)
        {
            if (x >= xPeak) return 0;
            if (c > 1e-12)
            {
                var k = Math.Sqrt(c);
                return (Math.Atan(xPeak / k) - Math.Atan(x / k)) / k;
            }
            if (c < -1e-12)
            {
                var k = Math.Sqrt(-c);
                return x > k ? Math.Log((xPeak - k) / (xPeak + k) * ((x + k) / (x - k))) / (2 * k) : double.PositiveInfinity;
            }
            return x > 0 ? 1 / x - 1 / xPeak : double.PositiveInfinity;
        }

        // x after scaled time h, for a trajectory that does not reach the peak within it.
        private static double Advance(double x, double c, double h)
        {
            if (c > 1e-12)
            {
                var k = Math.Sqrt(c);
                return k * Math.Tan(Math.Atan(x / k) + k * h);
            }
            if (c < -1e-12)
            {
                var k = Math.Sqrt(-c);
                if (x + k == 0) return -k;
                var r = (x - k) / (x + k) * Math.Exp(2 * k * h);
                return k * (1 + r) / (1 - r);
            }
            return x / (1 - x * h);
        }
    }
}

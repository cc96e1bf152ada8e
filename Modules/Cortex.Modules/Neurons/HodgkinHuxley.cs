using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Hodgkin–Huxley neuron with the absolute parameters of NEST's hh_psc_alpha:
/// c_m dv/dt = −g_Na·m³h(v − E_Na) − g_K·n⁴(v − E_K) − g_L(v − E_L) + I + i_offset and
/// dx/dt = α_x(v)(1 − x) − β_x(v)·x for x = m, h, n, with the classic rates for rest near −65 mV
/// (α_n = 0.01(v+55)/(1 − e^{−(v+55)/10}), β_n = 0.125e^{−(v+65)/80}, α_m = 0.1(v+40)/(1 − e^{−(v+40)/10}),
/// β_m = 4e^{−(v+65)/18}, α_h = 0.07e^{−(v+65)/20}, β_h = 1/(1 + e^{−(v+35)/10}); the removable
/// singularities at v = −55 and −40 mV are evaluated by their Taylor series). Integrated on substeps of
/// at most 0.025 ms by exponential Euler from the substep's old values: Rush–Larsen for the gates
/// (x relaxes to α/(α+β) with factor e^{−h(α+β)}) and v relaxing exactly towards the reversal potential
/// of the total conductance. A spike is reported when v crosses v_spike upwards. Neurons start in the
/// steady state (v where the net current vanishes, gates at their steady-state values).
/// </summary>
public sealed class HodgkinHuxley : NeuronModel<HodgkinHuxley.State, HodgkinHuxley.Params, HodgkinHuxley.Dynamics>
{
    /// <summary>Longest substep (ms).</summary>
    public const double MaxSubstep = 0.025;

    public override string Name => "hh";

    public override string Description => "Hodgkin-Huxley (NEST hh_psc_alpha parameters); exponential Euler / Rush-Larsen, substeps of at most 0.025 ms";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("cm", Dimension.Capacitance, 0.1, ValueRule.Positive, "membrane capacitance"),
        new("g_na", Dimension.Conductance, 12, ValueRule.NonNegative, "peak sodium conductance"),
        new("g_k", Dimension.Conductance, 3.6, ValueRule.NonNegative, "peak potassium conductance"),
        new("g_l", Dimension.Conductance, 0.03, ValueRule.Positive, "leak conductance"),
        new("e_na", Dimension.Voltage, 50, ValueRule.Any, "sodium reversal potential"),
        new("e_k", Dimension.Voltage, -77, ValueRule.Any, "potassium reversal potential"),
        new("e_l", Dimension.Voltage, -54.402, ValueRule.Any, "leak reversal potential"),
        new("v_spike", Dimension.Voltage, 0, ValueRule.Any, "a spike is reported when v crosses this upwards"),
        new("i_offset", Dimension.Current, 0, ValueRule.Any, "constant bias current"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("v", Dimension.Voltage, "membrane potential"),
        new("m", Dimension.Dimensionless, "sodium activation"),
        new("h", Dimension.Dimensionless, "sodium inactivation"),
        new("n", Dimension.Dimensionless, "potassium activation"),
    ];

    public override Params Prepare(ParameterValues p, double dt)
    {
        var substeps = Math.Max(1, (int)Math.Ceiling(dt / MaxSubstep - 1e-9));
        var h = dt / substeps;
        return new()
        {
            H = (float)h,
            HOverCm = (float)(h / p["cm"]),
            GNa = (float)p["g_na"],
            GK = (float)p["g_k"],
            GL = (float)p["g_l"],
            ENa = (float)p["e_na"],
            EK = (float)p["e_k"],
            EL = (float)p["e_l"],
            VSpike = (float)p["v_spike"],
            IOffset = (float)p["i_offset"],
            Substeps = substeps,
        };
    }

    /// <summary>
    /// The steady state: the lowest v (scanning up from −100 mV) where the net current with the gates at
    /// their steady-state values changes from depolarising to hyperpolarising, refined by bisection.
    /// Falls back to E_L when there is none.
    /// </summary>
    public override State InitialState(ParameterValues p)
    {
        var prepared = Prepare(p, MaxSubstep);
        double Drive(double v) => Rates.SteadyCurrent(in prepared, (float)v) + prepared.IOffset;
        double v = prepared.EL;
        for (var lo = -100.0; lo < 50; lo += 0.5)
        {
            var hi = lo + 0.5;
            if (!(Drive(lo) > 0 && Drive(hi) <= 0)) continue;
            for (var i = 0; i < 60; i++)
            {
                var mid = 0.5 * (lo + hi);
                if (Drive(mid) > 0) lo = mid;
                else hi = mid;
            }
            v = 0.5 * (lo + hi);
            break;
        }
        var vf = (float)v;
        return new()
        {
            V = vf,
            M = Rates.Steady(Rates.AlphaM(vf), Rates.BetaM(vf)),
            H = Rates.Steady(Rates.AlphaH(vf), Rates.BetaH(vf)),
            N = Rates.Steady(Rates.AlphaN(vf), Rates.BetaN(vf)),
        };
    }

    public struct Params
    {
        /// <summary>Substep length (ms) and substep over c_m.</summary>
        public float H, HOverCm;
        public float GNa, GK, GL, ENa, EK, EL, VSpike, IOffset;
        public int Substeps;
    }

    public struct State
    {
        public float V, M, H, N;
    }

    /// <summary>The rate functions (per ms, v in mV).</summary>
    public static class Rates
    {
        /// <summary>x/(1 − e^{−x}), with its Taylor series near the removable singularity at 0.</summary>
        public static float Trap(float x) =>
            MathF.Abs(x) < 1e-2f ? 1 + x * (0.5f + x * (1f / 12)) : x / (1 - MathF.Exp(-x));

        public static float AlphaM(float v) => Trap((v + 40) * 0.1f);

        public static float BetaM(float v) => 4 * MathF.Exp(-(v + 65) * (1f / 18));

        public static float AlphaH(float v) => 0.07f * MathF.Exp(-(v + 65) * 0.05f);

        public static float BetaH(float v) => 1 / (1 + MathF.Exp(-(v + 35) * 0.1f));

        public static float AlphaN(float v) => 0.1f * Trap((v + 55) * 0.1f);

        public static float BetaN(float v) => 0.125f * MathF.Exp(-(v + 65) * (1f / 80));

        public static float Steady(float alpha, float beta) => alpha / (alpha + beta);

        /// <summary>The net ionic current into the cell (nA) at <paramref name="v"/> with every gate at its steady state.</summary>
        public static float SteadyCurrent(in Params p, float v)
        {
            var m = Steady(AlphaM(v), BetaM(v));
            var h = Steady(AlphaH(v), BetaH(v));
            var n = Steady(AlphaN(v), BetaN(v));
            var n2 = n * n;
            return -p.GNa * m * m * m * h * (v - p.ENa) - p.GK * n2 * n2 * (v - p.EK) - p.GL * (v - p.EL);
        }
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            var current = input.Current;
            var drive = current + p.IOffset;
            var spiked = false;
            for (var k = 0; k < p.Substeps; k++)
            {
                var v = s.V;
                var n2 = s.N * s.N;
                var gNa = p.GNa * s.M * s.M * s.M * s.H;
                var gK = p.GK * n2 * n2;
                var g = gNa + gK + p.GL;
                var target = (gNa * p.ENa + gK * p.EK + p.GL * p.EL + drive) / g;
                s.V = target + (v - target) * MathF.Exp(-p.HOverCm * g);
                s.M = Gate(s.M, Rates.AlphaM(v), Rates.BetaM(v), p.H);
                s.H = Gate(s.H, Rates.AlphaH(v), Rates.BetaH(v), p.H);
                s.N = Gate(s.N, Rates.AlphaN(v), Rates.BetaN(v), p.H);
                if (v < p.VSpike && s.V >= p.VSpike) spiked = true;
            }
            return spiked;
        }

        private static float Gate(float x, float alpha, float beta, float h)
        {
            var rate = alpha + beta;
            var steady = alpha / rate;
            return steady + (x - steady) * MathF.Exp(-h * rate);
        }

        public float Voltage(in State s) => s.V;

        public void AddVoltage(ref State s, in Params p, float jump) => s.V += jump;

        public float Get(in State s, int variable) => variable switch
        {
            0 => s.V,
            1 => s.M,
            2 => s.H,
            _ => s.N,
        };

        public void Set(ref State s, int variable, float value)
        {
            switch (variable)
            {
                case 0: s.V = value; break;
                case 1: s.M = value; break;
                case 2: s.H = value; break;
                default: s.N = value; break;
            }
        }
    }
}

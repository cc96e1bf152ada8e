using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Izhikevich (2003) simple model: dv/dt = 0.04v² + 5v + 140 − u + (I + i_offset)/c_m,
/// du/dt = a(b·v − u); when v ≥ 30 mV: v ← c, u ← u + d. v is in mV, t in ms, and a, b, d and u
/// are in the paper's units (u and d in mV/ms, a and b per ms), so with c_m = 1 nF a current of
/// 10 nA is the paper's I = 10. Integrated by forward Euler (v and u from the same old values)
/// on substeps of at most 0.1 ms, with the threshold checked and the reset applied after every
/// substep; a step reports a spike when any of its substeps crossed. Neurons start at
/// v = −65 mV, u = b·v, as in the paper's code.
/// </summary>
public sealed class Izhikevich : NeuronModel<Izhikevich.State, Izhikevich.Params, Izhikevich.Dynamics>
{
    /// <summary>Longest Euler substep (ms).</summary>
    public const double MaxSubstep = 0.1;

    /// <summary>The spike cut-off of the paper (mV).</summary>
    public const float VPeak = 30;

    /// <summary>The initial membrane potential (mV), as in the paper's code.</summary>
    public const float VInit = -65;

    public override string Name => "izhikevich";

    public override string Description => "Izhikevich (2003) simple model; forward Euler on substeps of at most 0.1 ms";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("a", Dimension.Dimensionless, 0.02, ValueRule.Any, "recovery rate (per ms, paper units)"),
        new("b", Dimension.Dimensionless, 0.2, ValueRule.Any, "sensitivity of u to v (paper units)"),
        new("c", Dimension.Voltage, -65, ValueRule.Any, "potential after a spike"),
        new("d", Dimension.Dimensionless, 8, ValueRule.Any, "jump of u after a spike (mV/ms, paper units)"),
        new("cm", Dimension.Capacitance, 1, ValueRule.Positive, "capacitance converting input current to dv/dt"),
        new("i_offset", Dimension.Current, 0, ValueRule.Any, "constant bias current"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("v", Dimension.Voltage, "membrane potential"),
        new("u", Dimension.Dimensionless, "recovery variable (mV/ms, paper units)"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["c"] >= VPeak)
            yield return new("c", $"must be below the spike cut-off ({VPeak} mV), got {p["c"]} mV");
    }

    public override Params Prepare(ParameterValues p, double dt)
    {
        var substeps = Math.Max(1, (int)Math.Ceiling(dt / MaxSubstep - 1e-9));
        return new()
        {
            A = (float)p["a"],
            B = (float)p["b"],
            C = (float)p["c"],
            D = (float)p["d"],
            InvCm = (float)(1 / p["cm"]),
            IOffset = (float)p["i_offset"],
            H = (float)(dt / substeps),
            Substeps = substeps,
        };
    }

    public override State InitialState(ParameterValues p) => new() { V = VInit, U = (float)p["b"] * VInit };

    public struct Params
    {
        public float A, B, C, D, InvCm, IOffset;
        /// <summary>Substep length (ms).</summary>
        public float H;
        public int Substeps;
    }

    public struct State
    {
        public float V, U;
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            var current = input.Current;
            var drive = (current + p.IOffset) * p.InvCm;
            var spiked = false;
            for (var k = 0; k < p.Substeps; k++)
            {
                var v = s.V;
                s.V = v + p.H * ((0.04f * v + 5) * v + 140 - s.U + drive);
                s.U += p.H * p.A * (p.B * v - s.U);
                // Written so that NaN is never a spike: a broken state must surface, not be reset away.
                if (!(s.V >= VPeak)) continue;
                s.V = p.C;
                s.U += p.D;
                spiked = true;
            }
            return spiked;
        }

        public float Voltage(in State s) => s.V;

        public void AddVoltage(ref State s, in Params p, float jump) => s.V += jump;

        public float Get(in State s, int variable) => variable == 0 ? s.V : s.U;

        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.V = value;
            else s.U = value;
        }
    }
}

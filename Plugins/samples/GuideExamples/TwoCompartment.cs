using Cortex.Models;
using Cortex.Units;

namespace GuideExamples;

/// <summary>
/// A two-compartment integrate-and-fire neuron, a passive reduction of Pinsky &amp; Rinzel (1994, J. Comput. Neurosci.
/// 1:39): a soma and a dendrite, each with its own leak, coupled by a conductance g_c.
/// <code>
/// c_soma dV_s/dt = −g_soma·(V_s − e_leak) + g_c·(V_d − V_s) + I_s
/// c_dend dV_d/dt = −g_dend·(V_d − e_leak) + g_c·(V_s − V_d) + I_d
/// </code>
/// At V_s ≥ v_thresh the neuron spikes and V_s resets to v_reset; the dendrite keeps its potential. Receptor ports whose
/// name starts with "dend" feed I_d (a conductance evaluated at V_d), every other port and the external current feed I_s.
/// Exponential Euler: each compartment relaxes exactly towards its target with the other held at its start-of-step value,
/// V_s ← V_s∞ + (V_s − V_s∞)·e^(−dt·(g_soma + g_c)/c_soma), V_s∞ = (g_soma·e_leak + g_c·V_d + I_s)/(g_soma + g_c), and
/// likewise V_d. Its fixed point is the exact steady state: with D = g_soma·g_dend + g_c·(g_soma + g_dend),
/// V_s − e_leak = ((g_dend + g_c)·I_s + g_c·I_d)/D, so current into the dendrite reaches the soma scaled by g_c/(g_dend + g_c).
/// </summary>
public sealed class TwoCompartment : NeuronModel<TwoCompartment.State, TwoCompartment.Params, TwoCompartment.Dynamics>
{
    public override string Name => "guide_two_compartment";
    public override string Description => "passive dendrite coupled to an integrate-and-fire soma; ports dend* feed the dendrite (guide example)";
    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("c_soma", Dimension.Capacitance, 0.25, ValueRule.Positive, "somatic capacitance"),
        new("c_dend", Dimension.Capacitance, 0.1, ValueRule.Positive, "dendritic capacitance"),
        new("g_soma", Dimension.Conductance, 0.0125, ValueRule.Positive, "somatic leak conductance"),
        new("g_dend", Dimension.Conductance, 0.005, ValueRule.Positive, "dendritic leak conductance"),
        new("g_c", Dimension.Conductance, 0.01, ValueRule.NonNegative, "soma–dendrite coupling conductance"),
        new("e_leak", Dimension.Voltage, -65, ValueRule.Any, "leak reversal (rest) of both compartments"),
        new("v_thresh", Dimension.Voltage, -50, ValueRule.Any, "somatic spike threshold"),
        new("v_reset", Dimension.Voltage, -65, ValueRule.Any, "somatic potential after a spike"),
    ];
    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
        [new("v", Dimension.Voltage, "somatic potential"), new("v_dend", Dimension.Voltage, "dendritic potential")];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["v_reset"] >= p["v_thresh"]) yield return new("v_reset", $"must be below v_thresh ({p["v_thresh"]} mV), got {p["v_reset"]} mV");
    }

    public override bool UsesPortInputs => true;   // the backend fills input.Ports, one entry per receptor port

    public override Params Prepare(ParameterValues p, double dt) => Prepare(p, dt, []);

    public override Params Prepare(ParameterValues p, double dt, IReadOnlyList<string> ports)
    {
        if (ports.Count > 32) throw new ArgumentException($"at most 32 receptor ports, got {ports.Count}", nameof(ports));
        var dendritic = 0u;   // bit k set: port k (in input.Ports order) feeds the dendrite
        for (var k = 0; k < ports.Count; k++)
            if (ports[k].StartsWith("dend", StringComparison.Ordinal)) dendritic |= 1u << k;
        double gS = p["g_soma"], gD = p["g_dend"], gC = p["g_c"];
        return new((float)Math.Exp(-dt * (gS + gC) / p["c_soma"]), (float)Math.Exp(-dt * (gD + gC) / p["c_dend"]),
            (float)gS, (float)gD, (float)gC, (float)p["e_leak"], (float)p["v_thresh"], (float)p["v_reset"], dendritic);
    }

    public override State InitialState(ParameterValues p) => new() { V = (float)p["e_leak"], VDend = (float)p["e_leak"] };

    public readonly record struct Params(float DecaySoma, float DecayDend, float GSoma, float GDend, float GC, float ELeak, float VThresh, float VReset, uint DendritePorts);

    public struct State
    {
        public float V, VDend;
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            float iSoma = input.External, iDend = 0;
            for (var k = 0; k < input.Ports.Length; k++)
            {
                var port = input.Ports[k];   // evaluated at V_s; a conductance g(E − V_d) = Current + g·(V_s − V_d)
                if (((p.DendritePorts >> k) & 1) == 0) iSoma += port.Current;
                else iDend += port.Current + port.Conductance * (s.V - s.VDend);
            }
            var somaTarget = (p.GSoma * p.ELeak + p.GC * s.VDend + iSoma) / (p.GSoma + p.GC);
            var dendTarget = (p.GDend * p.ELeak + p.GC * s.V + iDend) / (p.GDend + p.GC);
            s.V = somaTarget + (s.V - somaTarget) * p.DecaySoma;
            s.VDend = dendTarget + (s.VDend - dendTarget) * p.DecayDend;
            if (s.V < p.VThresh) return false;
            s.V = p.VReset;
            return true;
        }

        public float Voltage(in State s) => s.V;
        public void AddVoltage(ref State s, in Params p, float jump) => s.V += jump;
        public float Get(in State s, int variable) => variable == 0 ? s.V : s.VDend;

        public void Set(ref State s, int variable, float value) => (variable == 0 ? ref s.V : ref s.VDend) = value;
    }
}

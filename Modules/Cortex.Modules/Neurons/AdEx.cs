using System.Diagnostics.CodeAnalysis;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Adaptive exponential integrate-and-fire neuron (Brette &amp; Gerstner 2005):
/// c_m dv/dt = −g_L(v − v_rest) + g_L·Δ_T·exp((v − v_thresh)/Δ_T) − w + I + i_offset,
/// τ_w dw/dt = a(v − v_rest) − w; when v ≥ v_peak: v ← v_reset, w ← w + b, then v is clamped at
/// v_reset for tau_refrac (w keeps evolving). Defaults are the paper's. Integrated on substeps of at
/// most 0.05 ms: v by forward Euler with v clamped at v_peak inside the exponential (so the term stays
/// finite), w exactly for v held over the substep (w relaxes towards a(v − v_rest) with factor
/// exp(−h/τ_w)); the threshold is checked and the reset applied after every substep.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "AdEx is the model's name in the literature, not an 'extended' type.")]
public sealed class AdEx : NeuronModel<AdEx.State, AdEx.Params, AdEx.Dynamics>
{
    /// <summary>Longest substep (ms).</summary>
    public const double MaxSubstep = 0.05;

    public override string Name => "adex";

    public override string Description => "adaptive exponential integrate-and-fire (Brette & Gerstner 2005); Euler v, exponential w, substeps of at most 0.05 ms";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("cm", Dimension.Capacitance, 0.281, ValueRule.Positive, "membrane capacitance"),
        new("g_l", Dimension.Conductance, 0.030, ValueRule.Positive, "leak conductance"),
        new("v_rest", Dimension.Voltage, -70.6, ValueRule.Any, "leak reversal potential E_L"),
        new("v_thresh", Dimension.Voltage, -50.4, ValueRule.Any, "threshold of the exponential term V_T"),
        new("delta_t", Dimension.Voltage, 2, ValueRule.Positive, "slope factor Δ_T"),
        new("tau_w", Dimension.Time, 144, ValueRule.Positive, "adaptation time constant"),
        new("a", Dimension.Conductance, 0.004, ValueRule.Any, "subthreshold adaptation"),
        new("b", Dimension.Current, 0.0805, ValueRule.Any, "spike-triggered adaptation"),
        new("v_reset", Dimension.Voltage, -70.6, ValueRule.Any, "potential after a spike"),
        new("v_peak", Dimension.Voltage, 20, ValueRule.Any, "spike cut-off"),
        new("tau_refrac", Dimension.Time, 0, ValueRule.NonNegative, "absolute refractory period"),
        new("i_offset", Dimension.Current, 0, ValueRule.Any, "constant bias current"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("v", Dimension.Voltage, "membrane potential"),
        new("w", Dimension.Current, "adaptation current"),
        new("refractory", Dimension.Dimensionless, "time steps of refractoriness left"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["v_reset"] >= p["v_peak"])
            yield return new("v_reset", $"must be below v_peak ({p["v_peak"]} mV), got {p["v_reset"]} mV");
        if (p["v_thresh"] >= p["v_peak"])
            yield return new("v_thresh", $"must be below v_peak ({p["v_peak"]} mV), got {p["v_thresh"]} mV");
    }

    public override Params Prepare(ParameterValues p, double dt)
    {
        var substeps = Math.Max(1, (int)Math.Ceiling(dt / MaxSubstep - 1e-9));
        var h = dt / substeps;
        return new()
        {
            HOverCm = (float)(h / p["cm"]),
            GL = (float)p["g_l"],
            VRest = (float)p["v_rest"],
            VThresh = (float)p["v_thresh"],
            DeltaT = (float)p["delta_t"],
            // exp(50) keeps the term finite in single precision whatever the parameters.
            MaxExpArg = (float)Math.Min((p["v_peak"] - p["v_thresh"]) / p["delta_t"], 50),
            WDecay = (float)Math.Exp(-h / p["tau_w"]),
            WDecayStep = (float)Math.Exp(-dt / p["tau_w"]),
            A = (float)p["a"],
            B = (float)p["b"],
            VReset = (float)p["v_reset"],
            VPeak = (float)p["v_peak"],
            IOffset = (float)p["i_offset"],
            Substeps = substeps,
            // A spike at step n keeps v clamped for the rest of step n and the next round(tau_refrac/dt) steps.
            RefractorySteps = (int)Math.Round(p["tau_refrac"] / dt),
        };
    }

    public override State InitialState(ParameterValues p) => new() { V = (float)p["v_rest"] };

    public struct Params
    {
        public float HOverCm, GL, VRest, VThresh, DeltaT, MaxExpArg;
        /// <summary>exp(−h/τ_w) per substep and exp(−dt/τ_w) per step.</summary>
        public float WDecay, WDecayStep;
        public float A, B, VReset, VPeak, IOffset;
        public int Substeps, RefractorySteps;
    }

    public struct State
    {
        public float V, W;
        public int Refractory;
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            var current = input.Current;
            if (s.Refractory > 0)
            {
                s.Refractory--;
                s.V = p.VReset;
                var wClamped = p.A * (p.VReset - p.VRest);
                s.W = wClamped + (s.W - wClamped) * p.WDecayStep;
                return false;
            }
            var drive = current + p.IOffset;
            var spiked = false;
            for (var k = 0; k < p.Substeps; k++)
            {
                var v = s.V;
                var w = s.W;
                var wInf = p.A * (v - p.VRest);
                s.W = wInf + (w - wInf) * p.WDecay;
                // After a spike with a refractory period, v stays at v_reset for the rest of the step.
                if (spiked && p.RefractorySteps > 0) continue;
                var expArg = MathF.Min((v - p.VThresh) / p.DeltaT, p.MaxExpArg);
                s.V = v + p.HOverCm * (-p.GL * (v - p.VRest) + p.GL * p.DeltaT * MathF.Exp(expArg) - w + drive);
                // Written so that NaN is never a spike: a broken state must surface, not be reset away.
                if (!(s.V >= p.VPeak)) continue;
                s.V = p.VReset;
                s.W += p.B;
                spiked = true;
            }
            if (spiked) s.Refractory = p.RefractorySteps;
            return spiked;
        }

        public float Voltage(in State s) => s.V;

        public void AddVoltage(ref State s, in Params p, float jump)
        {
            if (s.Refractory == 0) s.V += jump;
        }

        public float Get(in State s, int variable) => variable switch
        {
            0 => s.V,
            1 => s.W,
            _ => s.Refractory,
        };

        public void Set(ref State s, int variable, float value)
        {
            switch (variable)
            {
                case 0: s.V = value; break;
                case 1: s.W = value; break;
                default: s.Refractory = (int)value; break;
            }
        }
    }
}

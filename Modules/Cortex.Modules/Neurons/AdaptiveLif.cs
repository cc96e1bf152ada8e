using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Leaky integrate-and-fire neuron with an adaptive threshold, the excitatory neuron of Diehl &amp; Cook (2015)
/// ("homeostasis", a form of intrinsic plasticity): c_m dv/dt = −(v − v_rest)·c_m/τ_m + Σ g_k·(e_k − v) + I; it
/// spikes when v ≥ v_thresh + θ, where θ jumps by theta_plus at every spike and otherwise decays, τ_θ dθ/dt = −θ. So a
/// neuron that fires a lot needs more input to fire again and the neurons of a layer come to share the work.
/// Integrated exactly for input held constant over a step, conductances included: with G = c_m/τ_m + Σ g_k, v relaxes
/// towards (v_rest·c_m/τ_m + Σ g_k·e_k + I)/G with factor exp(−dt·G/c_m), so strong conductances cannot make it
/// overshoot (with no conductance this is <c>lif</c>'s update: towards v_rest + R·I with factor exp(−dt/τ_m)); current
/// receptors, DC and injected current form I. While refractory, v is clamped at v_reset. θ is multiplied by
/// exp(−dt/τ_θ) every step (refractory ones included), exactly, and the jump of a spike is added after that step's
/// decay. With theta_plus = 0 and θ = 0 it spikes like <c>lif</c> under current input. Defaults are Diehl &amp; Cook's
/// excitatory neuron (τ_m = 100 ms, rest and reset −65 mV, threshold −52 mV, 5 ms refractory, θ+ = 0.05 mV,
/// τ_θ = 10⁷ ms); c_m = 100 pF makes the leak conductance 1 nS, so their conductances (in units of the leak) are
/// weights in nS.
/// </summary>
public sealed class AdaptiveLif : NeuronModel<AdaptiveLif.State, AdaptiveLif.Params, AdaptiveLif.Dynamics>
{
    public override string Name => "adaptive_lif";

    public override string Description => "LIF with an adaptive threshold θ (+theta_plus per spike, decays with tau_theta; Diehl & Cook 2015); exact, conductances implicit";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_m", Dimension.Time, 100, ValueRule.Positive, "membrane time constant"),
        new("cm", Dimension.Capacitance, 0.1, ValueRule.Positive, "membrane capacitance"),
        new("v_rest", Dimension.Voltage, -65, ValueRule.Any, "resting potential"),
        new("v_reset", Dimension.Voltage, -65, ValueRule.Any, "potential after a spike"),
        new("v_thresh", Dimension.Voltage, -52, ValueRule.Any, "spike threshold without adaptation (the threshold is v_thresh + theta)"),
        new("tau_refrac", Dimension.Time, 5, ValueRule.NonNegative, "absolute refractory period"),
        new("i_offset", Dimension.Current, 0, ValueRule.Any, "constant bias current"),
        new("theta_plus", Dimension.Voltage, 0.05, ValueRule.NonNegative, "threshold increase per spike"),
        new("tau_theta", Dimension.Time, 1e7, ValueRule.Positive, "decay time constant of the threshold increase"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("v", Dimension.Voltage, "membrane potential"),
        new("theta", Dimension.Voltage, "threshold increase above v_thresh"),
        new("refractory", Dimension.Dimensionless, "time steps of refractoriness left"),
    ];

    /// <summary>Conductance ports are integrated implicitly, so the model reads each port's conductance and reversal.</summary>
    public override bool UsesPortInputs => true;

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["v_reset"] >= p["v_thresh"])
            yield return new("v_reset", $"must be below v_thresh ({p["v_thresh"]} mV), got {p["v_reset"]} mV");
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        Decay = (float)Math.Exp(-dt / p["tau_m"]),
        Resistance = (float)(p["tau_m"] / p["cm"]),
        LeakConductance = (float)(p["cm"] / p["tau_m"]),
        DtOverCm = (float)(dt / p["cm"]),
        VRest = (float)p["v_rest"],
        VReset = (float)p["v_reset"],
        VThresh = (float)p["v_thresh"],
        IOffset = (float)p["i_offset"],
        ThetaPlus = (float)p["theta_plus"],
        ThetaDecay = (float)Math.Exp(-dt / p["tau_theta"]),
        // A spike at step n keeps v clamped for the next round(tau_refrac/dt) steps, as in lif.
        RefractorySteps = (int)Math.Round(p["tau_refrac"] / dt),
    };

    public override State InitialState(ParameterValues p) => new() { V = (float)p["v_rest"] };

    public struct Params
    {
        public float Decay, Resistance, LeakConductance, DtOverCm, VRest, VReset, VThresh, IOffset, ThetaPlus, ThetaDecay;
        public int RefractorySteps;
    }

    public struct State
    {
        public float V, Theta;
        public int Refractory;
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            s.Theta *= p.ThetaDecay;
            if (s.Refractory > 0)
            {
                s.Refractory--;
                s.V = p.VReset;
                return false;
            }
            // Conductance ports (g > 0) are taken out of the current and integrated implicitly; the rest is current.
            float current, conductance = 0, driven = 0;
            if (input.Ports.IsEmpty) current = input.Current;
            else
            {
                current = input.External;
                foreach (var port in input.Ports)
                {
                    if (port.Conductance == 0)
                    {
                        current += port.Current;
                        continue;
                    }
                    conductance += port.Conductance;
                    driven += port.Conductance * port.Reversal;
                }
            }
            if (conductance == 0)
            {
                var target = p.VRest + p.Resistance * (current + p.IOffset);
                s.V = target + (s.V - target) * p.Decay;
            }
            else
            {
                var total = p.LeakConductance + conductance;
                var target = (p.LeakConductance * p.VRest + driven + current + p.IOffset) / total;
                s.V = target + (s.V - target) * MathF.Exp(-p.DtOverCm * total);
            }
            // Written so that NaN is never a spike: a broken state must surface, not be reset away.
            if (!(s.V >= p.VThresh + s.Theta)) return false;
            s.V = p.VReset;
            s.Refractory = p.RefractorySteps;
            s.Theta += p.ThetaPlus;
            return true;
        }

        public float Voltage(in State s) => s.V;

        // Jumps arriving during the refractory period are lost, as in lif.
        public void AddVoltage(ref State s, in Params p, float jump)
        {
            if (s.Refractory == 0) s.V += jump;
        }

        public float Get(in State s, int variable) => variable switch
        {
            0 => s.V,
            1 => s.Theta,
            _ => s.Refractory,
        };

        public void Set(ref State s, int variable, float value)
        {
            switch (variable)
            {
                case 0: s.V = value; break;
                case 1: s.Theta = value; break;
                default: s.Refractory = (int)value; break;
            }
        }
    }
}

using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Perfect (non-leaky) integrate-and-fire neuron with an absolute refractory period:
/// c_m dv/dt = I + i_offset. Integrated exactly for input held constant over a step
/// (v += dt·(I + i_offset)/c_m), so the only error is the piecewise-constant input. A spike at
/// v ≥ v_thresh resets v to v_reset, where it is clamped while refractory. Neurons start at v_reset.
/// </summary>
public sealed class IntegrateAndFire : NeuronModel<IntegrateAndFire.State, IntegrateAndFire.Params, IntegrateAndFire.Dynamics>
{
    public override string Name => "if";

    public override string Description => "perfect (non-leaky) integrate-and-fire, refractory; exact for piecewise-constant input";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("cm", Dimension.Capacitance, 0.25, ValueRule.Positive, "membrane capacitance"),
        new("v_reset", Dimension.Voltage, -65, ValueRule.Any, "potential after a spike, and initial potential"),
        new("v_thresh", Dimension.Voltage, -50, ValueRule.Any, "spike threshold"),
        new("tau_refrac", Dimension.Time, 2, ValueRule.NonNegative, "absolute refractory period"),
        new("i_offset", Dimension.Current, 0, ValueRule.Any, "constant bias current"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } =
    [
        new("v", Dimension.Voltage, "membrane potential"),
        new("refractory", Dimension.Dimensionless, "time steps of refractoriness left"),
    ];

    public override IEnumerable<ParameterProblem> Check(ParameterValues p)
    {
        if (p["v_reset"] >= p["v_thresh"])
            yield return new("v_reset", $"must be below v_thresh ({p["v_thresh"]} mV), got {p["v_reset"]} mV");
    }

    public override Params Prepare(ParameterValues p, double dt) => new()
    {
        Gain = (float)(dt / p["cm"]),
        VReset = (float)p["v_reset"],
        VThresh = (float)p["v_thresh"],
        IOffset = (float)p["i_offset"],
        // A spike at step n keeps v clamped for the next round(tau_refrac/dt) steps, as in Brian2.
        RefractorySteps = (int)Math.Round(p["tau_refrac"] / dt),
    };

    public override State InitialState(ParameterValues p) => new() { V = (float)p["v_reset"] };

    public struct Params
    {
        /// <summary>dt/c_m (mV per nA).</summary>
        public float Gain;
        public float VReset, VThresh, IOffset;
        public int RefractorySteps;
    }

    public struct State
    {
        public float V;
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
                return false;
            }
            s.V += p.Gain * (current + p.IOffset);
            // Written so that NaN is never a spike: a broken state must surface, not be reset away.
            if (!(s.V >= p.VThresh)) return false;
            s.V = p.VReset;
            s.Refractory = p.RefractorySteps;
            return true;
        }

        public float Voltage(in State s) => s.V;

        // Jumps arriving during the refractory period are lost, as in NEST's iaf_psc_delta.
        public void AddVoltage(ref State s, in Params p, float jump)
        {
            if (s.Refractory == 0) s.V += jump;
        }

        public float Get(in State s, int variable) => variable == 0 ? s.V : s.Refractory;

        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.V = value;
            else s.Refractory = (int)value;
        }
    }
}

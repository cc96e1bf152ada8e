using System.Numerics;
using System.Runtime.CompilerServices;
using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Leaky integrate-and-fire neuron with an absolute refractory period:
/// c_m dv/dt = −(v − v_rest)·c_m/τ_m + I. Integrated exactly for input held constant over a step
/// (v relaxes towards v_rest + R·I with factor exp(−dt/τ_m)), so the only error is the
/// piecewise-constant input. While refractory, v is clamped at v_reset. The dynamics also come in SIMD lanes
/// (<see cref="INeuronLaneDynamics{TState, TParams, TLanes}"/>), which fast CPU backends use.
/// </summary>
public sealed class Lif : NeuronModel<Lif.State, Lif.Params, Lif.Dynamics>
{
    public override string Name => "lif";

    public override string Description => "leaky integrate-and-fire, refractory; exact for piecewise-constant input";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_m", Dimension.Time, 20, ValueRule.Positive, "membrane time constant"),
        new("cm", Dimension.Capacitance, 0.25, ValueRule.Positive, "membrane capacitance"),
        new("v_rest", Dimension.Voltage, -65, ValueRule.Any, "resting potential"),
        new("v_reset", Dimension.Voltage, -65, ValueRule.Any, "potential after a spike"),
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
        Decay = (float)Math.Exp(-dt / p["tau_m"]),
        Resistance = (float)(p["tau_m"] / p["cm"]),
        VRest = (float)p["v_rest"],
        VReset = (float)p["v_reset"],
        VThresh = (float)p["v_thresh"],
        IOffset = (float)p["i_offset"],
        // A spike at step n keeps v clamped for the next round(tau_refrac/dt) steps, as in Brian2.
        RefractorySteps = (int)Math.Round(p["tau_refrac"] / dt),
    };

    public override State InitialState(ParameterValues p) => new() { V = (float)p["v_rest"] };

    public struct Params
    {
        public float Decay, Resistance, VRest, VReset, VThresh, IOffset;
        public int RefractorySteps;
    }

    public struct State
    {
        public float V;
        public int Refractory;
    }

    /// <summary><see cref="Vector{T}.Count"/> neurons' state, one lane each.</summary>
    public struct Lanes
    {
        public Vector<float> V;
        public Vector<int> Refractory;
    }

    public readonly struct Dynamics : INeuronLaneDynamics<State, Params, Lanes>
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
            var target = p.VRest + p.Resistance * (current + p.IOffset);
            s.V = target + (s.V - target) * p.Decay;
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

        // Step's operations lane by lane: v relaxes in every lane (the same expression as above), then refractory
        // lanes are clamped at v_reset and count down, and lanes that crossed the threshold spike. NaN never crosses.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<int> Step(ref Lanes s, in Params p, Vector<float> current)
        {
            var target = new Vector<float>(p.VRest) + new Vector<float>(p.Resistance) * (current + new Vector<float>(p.IOffset));
            var relaxed = target + (s.V - target) * new Vector<float>(p.Decay);
            var refractory = s.Refractory;
            var isRefractory = Vector.GreaterThan(refractory, Vector<int>.Zero);
            var spikes = Vector.AndNot(Vector.AsVectorInt32(Vector.GreaterThanOrEqual(relaxed, new Vector<float>(p.VThresh))), isRefractory);
            var clamped = isRefractory | spikes;
            s.V = Vector.ConditionalSelect(Vector.AsVectorSingle(clamped), new Vector<float>(p.VReset), relaxed);
            // Stored in every group, without a test: the counter shares the voltage's cache line, which is written anyway,
            // and a branch on "any lane clamped" is taken in about one group in five at cortical rates, unpredictably
            // (mispredictions cost a quarter of a CUBA step).
            s.Refractory = Vector.ConditionalSelect(isRefractory, refractory - Vector<int>.One, Vector.ConditionalSelect(spikes, new Vector<int>(p.RefractorySteps), refractory));
            return spikes;
        }

        public Vector<float> Voltage(in Lanes s) => s.V;

        public State GetLane(in Lanes s, int lane) => new() { V = s.V[lane], Refractory = s.Refractory[lane] };

        public void SetLane(ref Lanes s, int lane, in State state)
        {
            s.V = s.V.WithElement(lane, state.V);
            s.Refractory = s.Refractory.WithElement(lane, state.Refractory);
        }

        public void Set(ref State s, int variable, float value)
        {
            if (variable == 0) s.V = value;
            else s.Refractory = (int)value;
        }
    }
}

namespace CortexPlugin1;
/// <summary>Leaky integrate-and-fire: τ dv/dt = v_rest − v + R·I; at v_thresh it spikes and resets to v_rest. Exact for input constant over a step.</summary>
public sealed class MyNeuron : NeuronModel<float, MyNeuron.Params, MyNeuron.Dynamics>
{
    public override string Name => "my_neuron";
    public override string Description => "leaky integrate-and-fire (from the cortex-plugin template)";
    public override IReadOnlyList<ParameterSpec> Parameters { get; } = [
        new("tau_m", Dimension.Time, 20, ValueRule.Positive, "membrane time constant"),
        new("r_m", Dimension.Resistance, 80, ValueRule.Positive, "membrane resistance"),
        new("v_rest", Dimension.Voltage, -65, ValueRule.Any, "resting and reset potential"),
        new("v_thresh", Dimension.Voltage, -50, ValueRule.Any, "spike threshold")];
    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("v", Dimension.Voltage, "membrane potential")];
    public override Params Prepare(ParameterValues p, double dt) => new((float)Math.Exp(-dt / p["tau_m"]), (float)p["r_m"], (float)p["v_rest"], (float)p["v_thresh"]);
    public override float InitialState(ParameterValues p) => (float)p["v_rest"];
    public readonly record struct Params(float Decay, float R, float VRest, float VThresh);
    public readonly struct Dynamics : INeuronDynamics<float, Params> // the state is v itself (mV)
    {
        public bool Step(ref float v, in Params p, in NeuronInput input)
        {
            var target = p.VRest + p.R * input.Current; // v relaxes exponentially towards this under the step's input
            v = target + (v - target) * p.Decay;
            if (v >= p.VThresh) { v = p.VRest; return true; }
            return false;
        }
        public float Voltage(in float v) => v;
        public void AddVoltage(ref float v, in Params p, float jump) => v += jump;
        public float Get(in float v, int variable) => v;
        public void Set(ref float v, int variable, float value) => v = value;
    }
}

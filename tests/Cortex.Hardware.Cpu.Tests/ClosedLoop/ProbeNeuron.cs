using Cortex.Models;
using Cortex.Plugins;
using Cortex.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cortex.Hardware.Cpu.Tests.ClosedLoop;

/// <summary>
/// A test model that uses every part of the SDK 2 neuron input: a leaky integrator whose ports named "dend…"
/// count half (read from <see cref="NeuronInput.Ports"/>), an escape-noise spike with probability
/// <c>p_escape</c> per step from the counter-based stream, and a threshold lowered by the neuromodulator "ach".
/// </summary>
internal sealed class ProbeNeuron : NeuronModel<ProbeNeuron.State, ProbeNeuron.Params, ProbeNeuron.Dynamics>
{
    public override string Name => "probe_neuron";

    public override string Description => "test model: port-weighted leaky integrator with escape noise and a modulated threshold";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("tau_m", Dimension.Time, 10, ValueRule.Positive, "membrane time constant"),
        new("r_m", Dimension.Resistance, 100, ValueRule.Positive, "membrane resistance"),
        new("v_thresh", Dimension.Voltage, 15, ValueRule.Any, "threshold above rest (mV)"),
        new("p_escape", Dimension.Dimensionless, 0.001, ValueRule.Probability, "spike probability per step, whatever the input"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables { get; } = [new("v", Dimension.Voltage, "depolarisation")];

    public override bool UsesPortInputs => true;

    public override IReadOnlyList<string> Neuromodulators { get; } = ["ach"];

    public override Params Prepare(ParameterValues values, double dt) => Prepare(values, dt, []);

    public override Params Prepare(ParameterValues values, double dt, IReadOnlyList<string> ports)
    {
        var mask = 0;
        for (var i = 0; i < ports.Count; i++)
            if (ports[i].StartsWith("dend", StringComparison.Ordinal)) mask |= 1 << i;
        return new Params
        {
            Decay = (float)Math.Exp(-dt / values["tau_m"]),
            R = (float)values["r_m"],
            Threshold = (float)values["v_thresh"],
            Escape = (float)values["p_escape"],
            DendriteMask = mask,
        };
    }

    public override State InitialState(ParameterValues values) => default;

    public struct Params
    {
        public float Decay, R, Threshold, Escape;
        public int DendriteMask;
    }

    public struct State
    {
        public float V;
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            var drive = input.External;
            for (var i = 0; i < input.Ports.Length; i++)
                drive += (p.DendriteMask & (1 << i)) != 0 ? 0.5f * input.Ports[i].Current : input.Ports[i].Current;
            var target = p.R * drive;
            s.V = target + (s.V - target) * p.Decay;
            var threshold = p.Threshold - input.Neuromodulators[0];
            if (s.V >= threshold || input.Random.Uniform(0) < p.Escape)
            {
                s.V = 0;
                return true;
            }
            return false;
        }

        public float Voltage(in State s) => s.V;

        public void AddVoltage(ref State s, in Params p, float jump) => s.V += jump;

        public float Get(in State s, int variable) => s.V;

        public void Set(ref State s, int variable, float value) => s.V = value;
    }

    /// <summary>Registers the model.</summary>
    public sealed class Plugin : ICortexPlugin
    {
        public string Name => "probe";

        public void Configure(IServiceCollection services) => services.AddNeuronModel(new ProbeNeuron());
    }
}

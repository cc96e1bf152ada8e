using Cortex.Models;
using Cortex.Units;

namespace Cortex.Modules.Neurons;

/// <summary>
/// Leaky integrate-and-fire neuron whose synaptic input is scaled by the local dopamine level, the striatal dopamine
/// model of Gurney, Prescott &amp; Redgrave (2001, Biol Cybern 84:401–423) and Humphries, Stewart &amp; Gurney (2006,
/// J Neurosci 26:12921–12942): D1 neurons see their input multiplied by (1 + λ₁·DA), D2 neurons by (1 − λ₂·DA).
/// <para>
/// c_m dv/dt = −(v − v_rest)·c_m/τ_m + g·I_syn + I_ext + i_offset, with g = max(0, 1 + da_gain·DA), where I_syn is
/// the receptor input, I_ext the DC and injected current (not scaled: it does not come through synapses), and DA the
/// level of neuromodulator <c>dopamine</c> at the neuron's population. da_gain is λ₁ for a D1 neuron and −λ₂ for a D2
/// neuron; the gain is floored at 0 so a large dopamine level cannot turn excitation into inhibition. Integration,
/// threshold, reset and refractoriness are those of <see cref="Lif"/> (exact for input held over a step). Voltage-jump
/// (delta) synapses bypass the current and are not scaled.
/// </para>
/// </summary>
public sealed class DopamineLif : NeuronModel<DopamineLif.State, DopamineLif.Params, DopamineLif.Dynamics>
{
    /// <summary>The neuromodulator the model reads.</summary>
    public const string Dopamine = "dopamine";

    private static readonly Lif Base = new();

    public override string Name => "lif_dopamine";

    public override string Description => "leaky integrate-and-fire whose synaptic input is scaled by (1 + da_gain·dopamine), as D1/D2 striatal neurons";

    public override IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        .. Base.Parameters,
        new("da_gain", Dimension.Dimensionless, 0, ValueRule.Any, "input gain per unit of dopamine: λ₁ > 0 for D1 neurons, −λ₂ < 0 for D2 neurons"),
    ];

    public override IReadOnlyList<StateVariableSpec> StateVariables => Base.StateVariables;

    public override IReadOnlyList<string> Neuromodulators { get; } = [Dopamine];

    public override IEnumerable<ParameterProblem> Check(ParameterValues values) => Base.Check(values);

    public override Params Prepare(ParameterValues values, double dt) => new() { Lif = Base.Prepare(values, dt), DaGain = (float)values["da_gain"] };

    public override State InitialState(ParameterValues values) => new() { Lif = Base.InitialState(values) };

    public struct Params
    {
        public Lif.Params Lif;
        public float DaGain;
    }

    public struct State
    {
        public Lif.State Lif;
    }

    public readonly struct Dynamics : INeuronDynamics<State, Params>
    {
        public bool Step(ref State s, in Params p, in NeuronInput input)
        {
            // Declared first (and only), so the level is element 0; a caller without levels (a bare test) sees none.
            var dopamine = input.Neuromodulators.IsEmpty ? 0f : input.Neuromodulators[0];
            var gain = MathF.Max(0f, 1f + p.DaGain * dopamine);
            var synaptic = input.Current - input.External;
            var scaled = new NeuronInput(input.External + gain * synaptic);
            return default(Lif.Dynamics).Step(ref s.Lif, in p.Lif, in scaled);
        }

        public float Voltage(in State s) => s.Lif.V;

        public void AddVoltage(ref State s, in Params p, float jump) => default(Lif.Dynamics).AddVoltage(ref s.Lif, in p.Lif, jump);

        public float Get(in State s, int variable) => default(Lif.Dynamics).Get(in s.Lif, variable);

        public void Set(ref State s, int variable, float value) => default(Lif.Dynamics).Set(ref s.Lif, variable, value);
    }
}

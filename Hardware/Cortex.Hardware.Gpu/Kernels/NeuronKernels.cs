using Cortex.Models;
using ILGPU;

namespace Cortex.Hardware.Gpu.Kernels;

/// <summary>
/// The neuron kernels, generic over a model's state, parameter and dynamics types so ILGPU specialises them for each model,
/// built-in or plugin. Parameters are one shared set (a view of length 1) or one per neuron.
/// </summary>
public static class NeuronKernels
{
    /// <summary>Delta receptors: this step's arrival sum jumps the membrane potential; the slot is cleared.</summary>
    public static void Jump<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<TP> parameters, ArrayView<long> slot)
        where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP>
    {
        var sum = slot[i];
        if (sum == 0) return;
        slot[i] = 0;
        var state = states[i];
        default(TD).AddVoltage(ref state, in parameters[parameters.Length == 1 ? 0 : i.X], GpuFixedPoint.ToFloat(sum));
        states[i] = state;
    }

    /// <summary>The membrane potential each receptor's input is evaluated at; the step's current starts at the external current.</summary>
    public static void Begin<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<float> voltages, ArrayView<float> external, ArrayView<float> current)
        where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP>
    {
        voltages[i] = default(TD).Voltage(in states[i]);
        current[i] = external[i];
    }

    /// <summary>Advances each neuron one step with its summed current; spikes go to <paramref name="spikes"/>.</summary>
    public static void Step<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<TP> parameters, ArrayView<float> current, ArrayView<float> external,
        ulong randomKey, long step, SpikeSink spikes)
        where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP>
    {
        var state = states[i];
        var input = new NeuronInput(current[i], external[i], default, new NeuronRandom(randomKey, i, step), default);
        var dynamics = default(TD);
        var spiked = dynamics.Step(ref state, in parameters[parameters.Length == 1 ? 0 : i.X], in input);
        states[i] = state;
        spikes.Flags[i] = spiked ? 1 : 0;
        if (spiked) spikes.Add(i);
        var v = dynamics.Voltage(in state);
        if (float.IsNaN(v) || float.IsInfinity(v)) Atomic.Min(ref spikes.FirstNonFinite[0], step * states.Length + i);
    }

    /// <summary>Every neuron's membrane potential (for rules that read the postsynaptic voltage).</summary>
    public static void Voltages<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<float> into)
        where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP>
        => into[i] = default(TD).Voltage(in states[i]);

    /// <summary>A state probe: variable <paramref name="variable"/> of the listed neurons.</summary>
    public static void Gather<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<int> neurons, int variable, ArrayView<float> into)
        where TS : unmanaged where TP : unmanaged where TD : struct, INeuronDynamics<TS, TP>
        => into[i] = default(TD).Get(in states[neurons[i]], variable);
}

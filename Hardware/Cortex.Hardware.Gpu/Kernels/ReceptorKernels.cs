using Cortex.Models;
using ILGPU;

namespace Cortex.Hardware.Gpu.Kernels;

/// <summary>The receptor kernels, generic over a receptor model's state, parameter and dynamics types.</summary>
public static class ReceptorKernels
{
    /// <summary>Each neuron's receptor takes this step's arrival sum; the slot is cleared.</summary>
    public static void Receive<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<TP> parameters, ArrayView<long> slot)
        where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP>
    {
        var sum = slot[i];
        if (sum == 0) return;
        slot[i] = 0;
        var state = states[i];
        default(TD).Receive(ref state, in parameters[0], GpuFixedPoint.ToFloat(sum));
        states[i] = state;
    }

    /// <summary>Adds the receptor's input at the step's starting voltage to the neuron's current, then advances the receptor one step.</summary>
    public static void Drive<TS, TP, TD>(Index1D i, ArrayView<TS> states, ArrayView<TP> parameters, ArrayView<float> voltages, ArrayView<float> current)
        where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP>
    {
        var state = states[i];
        var dynamics = default(TD);
        current[i] += dynamics.Input(in state, in parameters[0], voltages[i]).Current;
        dynamics.Advance(ref state, in parameters[0]);
        states[i] = state;
    }

    /// <summary>A state probe of a receptor variable (not used by probes today, which read neuron variables; kept for the PTX check of Get).</summary>
    public static void Gather<TS, TP, TD>(Index1D i, ArrayView<TS> states, int variable, ArrayView<float> into)
        where TS : unmanaged where TP : unmanaged where TD : struct, IReceptorDynamics<TS, TP>
        => into[i] = default(TD).Get(in states[i], variable);
}

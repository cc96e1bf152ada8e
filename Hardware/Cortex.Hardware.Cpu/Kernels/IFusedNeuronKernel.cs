namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// A neuron kernel that computes each neuron's input itself from the DC current and up to two linear receptors
/// (<see cref="FusedInputs"/>), decaying the receptors in the same pass: one pass over memory instead of one per
/// receptor plus one for the neurons.
/// </summary>
internal interface IFusedNeuronKernel : INeuronKernel
{
    /// <summary>
    /// Advances neurons <paramref name="first"/> .. first + length − 1 with input DC + Σ receptor contributions (the
    /// reference backend's order); writes spiking indices into <paramref name="spiked"/> and returns their count.
    /// </summary>
    int UpdateFused(int first, int length, scoped in FusedInputs inputs, Span<int> spiked);

    /// <summary>
    /// Compiles the update for inputs of this shape before the run, so that the first step does not wait for the JIT:
    /// <paramref name="receptors"/> linear receptors (0–2), each a conductance or a current, without a DC input and, when
    /// <paramref name="dc"/>, with one (input injected through a closed-loop session compiles its shape when it comes).
    /// </summary>
    void Prepare(int receptors, bool conductance0, bool conductance1, bool dc);
}

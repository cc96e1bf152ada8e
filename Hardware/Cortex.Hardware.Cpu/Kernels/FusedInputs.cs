namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// The inputs of a chunk that a fused kernel reads lane by lane instead of from a precomputed current
/// array: the DC current (empty when none) and up to two current or conductance receptor states, which
/// the kernel also decays. Saves a pass over memory per receptor.
/// </summary>
internal ref struct FusedInputs
{
    public ReadOnlySpan<float> Dc;
    public Span<float> State0;
    public Span<float> State1;
    public float Decay0, Decay1, Reversal0, Reversal1;
    public bool Conductance0, Conductance1;
    public int Receptors;
}

namespace Cortex.Hardware.Cpu.Kernels;

/// <summary>
/// The shape of a fused chunk's inputs as type arguments, so that the JIT compiles one branch-free loop per shape:
/// whether there is a DC input, and what each of the (up to two) receptors contributes. A population's shape does not
/// change during a run, and a loop without per-neuron tests on it keeps every constant in a register.
/// </summary>
internal interface IDcInput
{
    static abstract bool Present { get; }
}

/// <summary>The chunk has a DC (stimulus) current.</summary>
internal readonly struct WithDc : IDcInput
{
    public static bool Present => true;
}

/// <summary>The chunk has no DC current.</summary>
internal readonly struct WithoutDc : IDcInput
{
    public static bool Present => false;
}

/// <summary>What one receptor slot of the fused loop contributes: nothing, a current g, or a conductance g·(E − v).</summary>
internal interface IReceptorInput
{
    static abstract bool Present { get; }

    static abstract bool Conductance { get; }
}

/// <summary>No receptor in this slot.</summary>
internal readonly struct NoReceptor : IReceptorInput
{
    public static bool Present => false;

    public static bool Conductance => false;
}

/// <summary>An exponential current: the input is g.</summary>
internal readonly struct CurrentReceptor : IReceptorInput
{
    public static bool Present => true;

    public static bool Conductance => false;
}

/// <summary>An exponential conductance: the input is g·(E − v).</summary>
internal readonly struct ConductanceReceptor : IReceptorInput
{
    public static bool Present => true;

    public static bool Conductance => true;
}

namespace Cortex.Models;

/// <summary>
/// An exponentially decaying trace stored with the step it was last changed and decayed only when read, so a
/// rule keeps one per synapse without touching every synapse every step (e.g. a presynaptic trace at arrival time).
/// <para>Eight bytes: the step is kept modulo 2³², which halves the memory a post spike's visit to its scattered
/// synapses pulls in. Elapsed times are exact up to 2³² − 1 steps (119 hours of biological time at 0.1 ms); a trace
/// untouched for longer would have decayed to zero in single precision long before.</para>
/// </summary>
public struct LazyTrace
{
    /// <summary>The value at <see cref="Step"/>.</summary>
    public float Value;

    private uint _step;

    /// <summary>The step of the last change (modulo 2³²).</summary>
    public long Step
    {
        readonly get => _step;
        set => _step = unchecked((uint)value);
    }

    /// <summary>The value at <paramref name="step"/> for a per-step decay factor <paramref name="decay"/>.</summary>
    public readonly float At(long step, float decay) => Value == 0 ? 0 : Value * MathF.Pow(decay, Elapsed(step));

    /// <summary>Decays to <paramref name="step"/> and adds <paramref name="amount"/> (a spike's jump).</summary>
    public void Add(float amount, long step, float decay)
    {
        Value = At(step, decay) + amount;
        Step = step;
    }

    /// <summary>The value at <paramref name="step"/>: like <see cref="At(long, float)"/>, with one exponential instead of a power.</summary>
    public readonly float At(long step, in TraceDecay decay) => Value == 0 ? 0 : Value * decay.Over(Elapsed(step));

    /// <summary>Decays to <paramref name="step"/> and adds <paramref name="amount"/>: like <see cref="Add(float, long, float)"/>, with one exponential instead of a power.</summary>
    public void Add(float amount, long step, in TraceDecay decay)
    {
        Value = At(step, in decay) + amount;
        Step = step;
    }

    // Unsigned subtraction modulo 2³² gives the elapsed steps even across a wrap of the stored step.
    private readonly uint Elapsed(long step) => unchecked((uint)step - _step);
}

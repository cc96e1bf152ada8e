namespace Cortex.Models;

/// <summary>
/// An exponentially decaying trace stored with the step it was last changed and decayed only when read, so a
/// rule keeps one per synapse without touching every synapse every step (e.g. a presynaptic trace at arrival time).
/// </summary>
public struct LazyTrace
{
    /// <summary>The value at <see cref="Step"/>.</summary>
    public float Value;

    /// <summary>The step of the last change.</summary>
    public long Step;

    /// <summary>The value at <paramref name="step"/> for a per-step decay factor <paramref name="decay"/>.</summary>
    public readonly float At(long step, float decay) => Value == 0 ? 0 : Value * MathF.Pow(decay, step - Step);

    /// <summary>Decays to <paramref name="step"/> and adds <paramref name="amount"/> (a spike's jump).</summary>
    public void Add(float amount, long step, float decay)
    {
        Value = At(step, decay) + amount;
        Step = step;
    }

    /// <summary>The value at <paramref name="step"/>: like <see cref="At(long, float)"/>, with one exponential instead of a power.</summary>
    public readonly float At(long step, in TraceDecay decay) => Value == 0 ? 0 : Value * decay.Over(step - Step);

    /// <summary>Decays to <paramref name="step"/> and adds <paramref name="amount"/>: like <see cref="Add(float, long, float)"/>, with one exponential instead of a power.</summary>
    public void Add(float amount, long step, in TraceDecay decay)
    {
        Value = At(step, in decay) + amount;
        Step = step;
    }
}

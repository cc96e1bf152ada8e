namespace Cortex.Learning.Neurons;

/// <summary>What a spike does to the membrane.</summary>
public enum ResetMode
{
    /// <summary>v ← v_reset (the "hard" reset; what Cortex's engine models do).</summary>
    Zero,

    /// <summary>v ← v − θ (the "soft" reset; keeps the charge above threshold).</summary>
    Subtract,
}

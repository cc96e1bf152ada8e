namespace Cortex.Spec;

/// <summary>How finely a static projection's weights are stored.</summary>
public enum WeightPrecision
{
    /// <summary>Each weight as drawn, a 32-bit float.</summary>
    Full,

    /// <summary>
    /// Each drawn weight rounded to a 65,536-step grid spanning the projection's weights, so a backend may store a 16-bit
    /// index instead of a float; every backend sees the rounded values, so results stay identical between backends.
    /// </summary>
    Grid16,
}

namespace Cortex.Hardware.Gpu.Kernels;

/// <summary>
/// Arrival sums on the device are 64-bit fixed point, 2^40 per unit of weight, so atomic additions commute and the same seed
/// gives the same sums (and spikes) whatever order the threads add in. The range is ±2^23 (8.4 million) units per slot and the
/// resolution 2^−40 ≈ 9·10^−13: a float weight of magnitude at least 2^−16 converts exactly, and a slot receiving one or two
/// weights reads back exactly the float sum the CPU backend computes; with more terms it is the exact sum rounded once.
/// </summary>
public static class GpuFixedPoint
{
    /// <summary>Fixed-point units per unit of weight (2^40).</summary>
    public const float Scale = 1099511627776f;

    /// <summary>The inverse of <see cref="Scale"/> (2^−40).</summary>
    public const float InverseScale = 1f / Scale;

    /// <summary>A weight in fixed point (truncated below 2^−40). Usable in kernels.</summary>
    public static long ToFixed(float weight) => (long)(weight * Scale);

    /// <summary>A fixed-point sum as a float, rounded once. Usable in kernels.</summary>
    public static float ToFloat(long sum) => sum * InverseScale;
}

using System.Runtime.CompilerServices;

namespace Cortex.Models;

/// <summary>
/// Bounds for weights in synaptic rules. <see cref="Math.Clamp(float, float, float)"/> gives the same result but checks
/// its arguments and throws, and GPU compilers (ILGPU) cannot compile a method that throws: a rule that clips with
/// <see cref="Clip"/> compiles into the GPU backend's kernels, one that calls <c>Math.Clamp</c> is refused there.
/// </summary>
public static class WeightBounds
{
    /// <summary>
    /// <paramref name="weight"/> limited to [<paramref name="min"/>, <paramref name="max"/>]: exactly
    /// <c>Math.Clamp</c>'s result when <paramref name="min"/> ≤ <paramref name="max"/> (NaN stays NaN), which rules
    /// check on their parameters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clip(float weight, float min, float max) => weight < min ? min : weight > max ? max : weight;
}

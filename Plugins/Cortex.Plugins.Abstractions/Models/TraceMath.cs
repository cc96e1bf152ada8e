using System.Runtime.CompilerServices;

namespace Cortex.Models;

/// <summary>
/// Decay for traces kept as plain floats (a postsynaptic trace advanced every step). A trace left to decay after its
/// neuron falls silent reaches subnormal floats within seconds (below 1.2e-38), and every multiplication by one then
/// costs about a hundred cycles: a network of mostly quiet neurons ran its plasticity several times slower after a
/// few seconds. Values below <see cref="Floor"/> are zero instead, far below any effect a trace has.
/// </summary>
public static class TraceMath
{
    /// <summary>The smallest magnitude a trace keeps.</summary>
    public const float Floor = 1e-30f;

    /// <summary><paramref name="value"/>·<paramref name="factor"/>, or 0 once that is below <see cref="Floor"/> in magnitude.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Decay(float value, float factor)
    {
        var decayed = value * factor;
        return MathF.Abs(decayed) < Floor ? 0 : decayed;
    }
}

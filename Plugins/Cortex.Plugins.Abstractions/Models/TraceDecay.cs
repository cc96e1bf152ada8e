using System.Runtime.CompilerServices;

namespace Cortex.Models;

/// <summary>
/// A per-step decay factor together with its logarithm, so decaying over many steps costs one exponential instead of a
/// power: rules that decay traces lazily keep one of these in their prepared parameters.
/// </summary>
public readonly struct TraceDecay
{
    /// <summary>The decay for one step of <paramref name="dt"/> with time constant <paramref name="tau"/> (same unit): e^(−dt/τ).</summary>
    public TraceDecay(double dt, double tau)
    {
        PerStep = (float)Math.Exp(-dt / tau);
        LogPerStep = (float)(-dt / tau);
    }

    /// <summary>The factor applied per step.</summary>
    public float PerStep { get; }

    /// <summary>ln <see cref="PerStep"/>, i.e. −dt/τ.</summary>
    public float LogPerStep { get; }

    /// <summary>
    /// The factor over <paramref name="steps"/> steps (1 for none, <see cref="PerStep"/> for one); 0 once it is below e^−80,
    /// so a long-silent trace reads as zero instead of a subnormal float that slows every operation on it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Over(long steps) => steps switch
    {
        0 => 1,
        1 => PerStep,
        _ => LogPerStep * steps < -80 ? 0 : MathF.Exp(LogPerStep * steps),
    };
}

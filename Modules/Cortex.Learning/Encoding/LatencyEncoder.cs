using static TorchSharp.torch;

namespace Cortex.Learning.Encoding;

/// <summary>
/// Time-to-first-spike coding: each input spikes at most once, stronger inputs earlier. Linear mode:
/// t = round((1 − x)(T − 1)); logarithmic mode: t = round(τ ln(x / (x − θ))). Inputs below the
/// threshold θ (logarithmic: at or below) never spike, nor do logarithmic times that fall past T − 1.
/// </summary>
public sealed class LatencyEncoder : SpikeEncoder
{
    /// <summary>Creates the encoder.</summary>
    /// <param name="mode">Linear or logarithmic timing.</param>
    /// <param name="threshold">Inputs below it stay silent, in [0, 1).</param>
    /// <param name="tau">RC time constant in steps (logarithmic mode), &gt; 0.</param>
    public LatencyEncoder(LatencyMode mode = LatencyMode.Linear, double threshold = 0.01, double tau = 5)
    {
        if (!(threshold >= 0 && threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"latency: threshold must be in [0, 1), got {threshold}");
        if (!(tau > 0) || double.IsInfinity(tau))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, $"latency: tau must be a finite number > 0, got {tau}");
        Mode = mode;
        Threshold = threshold;
        Tau = tau;
    }

    /// <summary>Linear or logarithmic timing.</summary>
    public LatencyMode Mode { get; }

    /// <summary>Inputs below it never spike.</summary>
    public double Threshold { get; }

    /// <summary>RC time constant in steps (logarithmic mode).</summary>
    public double Tau { get; }

    /// <inheritdoc />
    public override string Name => "latency";

    /// <inheritdoc />
    protected override Tensor EncodeChecked(Tensor batch, int steps, Generator? generator)
    {
        Tensor time, fires;
        if (Mode == LatencyMode.Linear)
        {
            time = ((1 - batch) * (steps - 1)).round();
            fires = batch.ge(Threshold);
        }
        else
        {
            fires = batch.gt(Threshold);
            // Silent inputs get a harmless argument; the mask removes them.
            var safe = where(fires, batch, ones_like(batch));
            time = (Tau * (safe / (safe - Threshold)).log()).round();
            fires = fires.logical_and(time.le(steps - 1));
        }
        var stepIndex = arange(steps, ScalarType.Float32, batch.device).view([steps, .. Enumerable.Repeat(1L, (int)batch.dim())]);
        return stepIndex.eq(time.unsqueeze(0)).logical_and(fires.unsqueeze(0)).to_type(ScalarType.Float32);
    }
}

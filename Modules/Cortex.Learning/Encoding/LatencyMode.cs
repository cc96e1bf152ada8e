namespace Cortex.Learning.Encoding;

/// <summary>How <see cref="LatencyEncoder"/> maps intensity to spike time.</summary>
public enum LatencyMode
{
    /// <summary>t = round((1 − x)(T − 1)): brightest first, linear in intensity.</summary>
    Linear,

    /// <summary>
    /// t = round(τ ln(x / (x − θ))): the time an RC membrane driven by constant x takes to reach θ
    /// (snnTorch's <c>latency</c> with <c>linear=False</c>, not normalised).
    /// </summary>
    Logarithmic,
}

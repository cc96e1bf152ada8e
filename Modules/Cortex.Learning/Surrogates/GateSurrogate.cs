using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>
/// Rectangular gate (STBP, Wu et al. 2018): σ' = α where |x| &lt; 1/(2α), else 0; the derivative of a
/// linear ramp clamped to [0, 1]. Default α = 1.
/// </summary>
public sealed class GateSurrogate(double alpha = 1) : SurrogateGradient(alpha)
{
    public override string Name => "gate";

    public override Tensor Primitive(Tensor x) => (x * Alpha + 0.5).clamp(0, 1);

    public override Tensor Derivative(Tensor x)
    {
        using var inside = x.abs().lt(0.5 / Alpha);
        return inside.to(x.dtype) * Alpha;
    }
}

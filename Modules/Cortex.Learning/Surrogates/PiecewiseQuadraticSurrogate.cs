using static TorchSharp.torch;

namespace Cortex.Learning.Surrogates;

/// <summary>
/// Quadratic bump: σ' = (3α/4)·(1 − (αx)²) for |x| &lt; 1/α, else 0 (an Epanechnikov kernel); the derivative
/// of a cubic step that is smooth at both ends of the band. Default α = 1.
/// </summary>
public sealed class PiecewiseQuadraticSurrogate(double alpha = 1) : SurrogateGradient(alpha)
{
    public override string Name => "piecewise_quadratic";

    public override Tensor Primitive(Tensor x)
    {
        using var u = (x * Alpha).clamp(-1, 1);
        // ½ + (3u − u³)/4.
        using var cube = u.pow(3);
        return (u * 3 - cube) * 0.25 + 0.5;
    }

    public override Tensor Derivative(Tensor x)
    {
        using var u = x * Alpha;
        return (1 - u.square()).clamp_min(0) * (0.75 * Alpha);
    }
}
